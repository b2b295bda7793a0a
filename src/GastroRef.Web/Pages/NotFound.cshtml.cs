using GastroRef.Web.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages;

/// <summary>The 404 page: a search box and the structures whose names are closest to what was asked for.</summary>
public sealed class NotFoundModel(StructureQueries queries) : PageModel
{
    public string RequestedPath { get; private set; } = "";

    public string Guess { get; private set; } = "";

    public IReadOnlyList<StructureLink> Closest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? Request.Path.Value ?? "/";
        RequestedPath = original.Length > 200 ? original[..200] + "…" : original;
        Guess = Uri.UnescapeDataString(original.TrimEnd('/').Split('/')[^1]).Replace('-', ' ');
        if (Guess.Length > 100)
        {
            Guess = Guess[..100];
        }

        Closest = Guess.Length == 0 ? [] : await queries.ClosestAsync(Guess, 5, cancellationToken);
        Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
