using GastroRef.Web.Api;
using GastroRef.Web.Atlas;
using GastroRef.Web.Data;
using GastroRef.Web.Discovery;
using GastroRef.Web.Infrastructure;
using GastroRef.Web.Practice;
using GastroRef.Web.Search;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets(); // serve fingerprinted, precompressed assets from a build as well as a publish
builder.AddGastroRefLogging();
builder.AddGastroRefRequestLimits();
builder.AddGastroRefServerScheduling();
builder.Services.AddGastroRefStore(builder.Configuration, builder.Environment);
builder.Services.AddGastroRefSearch();
builder.Services.AddRazorPages();
builder.Services.AddPractice();
builder.Services.AddDiscovery(builder.Configuration);
builder.Services.AddGastroRefHttpCaching();
builder.Services.AddGastroRefHealthChecks();
builder.Services.AddAtlas();

var app = builder.Build();
app.UseGastroRefRequestLogging();
app.UseSecurityHeaders();
app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseRequestLimits();
app.UseStoreReadiness();
app.UseCachedPageHits(); // before routing: most requests are for a page someone read a moment ago
app.UseRouting(); // called here, with the two below, so that none of them runs before the cache hits
app.UseAuthentication();
app.UseAuthorization();
app.UseGastroRefHttpCaching();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets().CacheRenderedPages();
app.MapGastroRefHealthChecks();
app.MapStructuresApi();
app.MapDiscovery();
app.MapSearch();
app.MapPracticeApi();
app.MapAtlas();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
