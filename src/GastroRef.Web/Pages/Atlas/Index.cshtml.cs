using GastroRef.Web.Atlas;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Atlas;

/// <summary>/atlas: every plate, in order, with a thumbnail.</summary>
public sealed class IndexModel(PlateCatalog catalog) : PageModel
{
    public IReadOnlyList<PlateFigure> Plates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var atlas = await catalog.GetAsync(cancellationToken);
        Plates = [.. atlas.Plates.Select(p => new PlateFigure(p, null, null))];
    }
}
