using GastroRef.Web.Api;
using GastroRef.Web.Atlas;
using GastroRef.Web.Data;
using GastroRef.Web.Discovery;
using GastroRef.Web.Infrastructure;
using GastroRef.Web.Instructors;
using GastroRef.Web.Practice;
using GastroRef.Web.Search;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets(); // serve fingerprinted, precompressed assets from a build as well as a publish
builder.AddGastroRefLogging();
builder.AddGastroRefPublicAddress();
builder.AddGastroRefRequestLimits();
builder.AddGastroRefServerScheduling();
builder.Services.AddGastroRefStore(builder.Configuration, builder.Environment);
builder.Services.AddGastroRefSearch();
builder.Services.AddRazorPages();
builder.Services.AddPractice();
builder.Services.AddDiscovery(builder.Configuration);
builder.Services.AddGastroRefHttpCaching();
builder.Services.AddGastroRefHealthChecks();
builder.Services.AddGastroRefApi();
builder.Services.AddAtlas();
builder.Services.AddInstructors();

var app = builder.Build();
app.UseGastroRefPublicAddress();
app.UseGastroRefRequestLogging();
app.UseSecurityHeaders();
app.UseApiCors(); // early, so refusals (429, 414) can be read by other sites' scripts too
app.UseGastroRefCacheHeaders();
app.UseRequestLimits();
app.UseCachedPageHits(); // most requests are for a page someone read a moment ago: nothing after this runs for them
app.UseGastroRefErrorResponses();
app.UseStoreReadiness();
app.UseGastroRefRouting(); // here, so routing never runs before the cache hits
app.UseAuthentication(); // Razor Pages registers both; called here, or WebApplication puts them before the cache hits
app.UseAuthorization();
app.UseRateLimitedEndpoints();
app.UseGastroRefHttpCaching();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets().CacheRenderedPages();
app.MapGastroRefHealthChecks();
app.MapStructuresApi();
app.MapApiDescription();
app.MapDiscovery();
app.MapSearch();
app.MapPracticeApi();
app.MapAtlas();
app.MapInstructors();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
