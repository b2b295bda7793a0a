// The least ASP.NET Core can do to serve the article: the same bytes and headers from memory, answered by
// the first middleware, with no routing, logging, caching logic or security middleware, and scheduled as the
// site is (inline on the socket threads; the script sets DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1). The benchmark runs
// it beside the site and nginx to show how much of the gap to nginx is the server itself.
//   KestrelFloor <body file> <headers file> <path>     (ASPNETCORE_URLS says where to listen)
using Microsoft.Extensions.Primitives;

var body = await File.ReadAllBytesAsync(args[0]);
var headers = (await File.ReadAllLinesAsync(args[1]))
    .Where(line => line.Contains(':', StringComparison.Ordinal))
    .Select(line => line.Split(':', 2))
    .Select(parts => new KeyValuePair<string, StringValues>(parts[0].Trim(), parts[1].Trim()))
    .ToArray();
var path = args[2];

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
var app = builder.Build();
app.Use((context, next) =>
{
    if (context.Request.Path.Value != path)
    {
        return next(context);
    }

    foreach (var (name, value) in headers)
    {
        context.Response.Headers[name] = value;
    }

    context.Response.ContentLength = body.Length;
    return context.Response.BodyWriter.WriteAsync(body).AsTask();
});
await app.RunAsync();
