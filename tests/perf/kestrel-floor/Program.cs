// The least ASP.NET Core can do to serve the article: the same bytes and headers from memory, answered by
// the first middleware, with no routing, logging, caching logic or security middleware, and scheduled as the
// site is (inline on the socket threads; the script sets DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1). The benchmark runs
// it beside the site and nginx to show how much of the gap to nginx is the server itself.
//   KestrelFloor <body file> <headers file> <path> [<gzip body file> <gzip headers file>]
// (ASPNETCORE_URLS says where to listen). With the gzip files, a request whose Accept-Encoding names gzip gets those.
using Microsoft.Extensions.Primitives;

var plain = await ResponseAsync(args[0], args[1]);
var gzip = args.Length >= 5 ? await ResponseAsync(args[3], args[4]) : plain;
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

    var (body, headers) = context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.Ordinal) ? gzip : plain;
    foreach (var (name, value) in headers)
    {
        context.Response.Headers[name] = value;
    }

    context.Response.ContentLength = body.Length;
    return context.Response.BodyWriter.WriteAsync(body).AsTask();
});
await app.RunAsync();

static async Task<(byte[] Body, KeyValuePair<string, StringValues>[] Headers)> ResponseAsync(string bodyFile, string headersFile) =>
    (await File.ReadAllBytesAsync(bodyFile), (await File.ReadAllLinesAsync(headersFile))
        .Where(line => line.Contains(':', StringComparison.Ordinal))
        .Select(line => line.Split(':', 2))
        .Select(parts => new KeyValuePair<string, StringValues>(parts[0].Trim(), parts[1].Trim()))
        .ToArray());
