using GastroRef.Web.Data;
using GastroRef.Web.Search;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages;

/// <summary>The 404 page: a search box and the structures whose names (titles, aliases) match the last part of the
/// address as the search box's suggestions would; nothing when none does.</summary>
public sealed class NotFoundModel(SearchEngine search) : PageModel
{
    public string RequestedPath { get; private set; } = "";

    public string Guess { get; private set; } = "";

    public IReadOnlyList<SuggestedStructure> Closest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? Request.Path.Value ?? "/";
        RequestedPath = original.Length > 200 ? original[..200] + "…" : original;
        Guess = Uri.UnescapeDataString(original.TrimEnd('/').Split('/')[^1]).Replace('-', ' ');
        if (Guess.Length > StructureNames.MaxAddressLength)
        {
            Guess = Guess[..StructureNames.MaxAddressLength];
        }

        Closest = await StructureNames.SuggestAsync(search, Guess, 5, cancellationToken);
        Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
