using GastroRef.Content;
using GastroRef.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Anatomy;

public sealed class IndexModel(StructureQueries queries) : PageModel
{
    public sealed record TypeGroup(string Type, string Label, IReadOnlyList<StructureRecord> Structures);

    public IReadOnlyList<TypeGroup> Groups { get; private set; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var all = await queries.ListRecordsAsync(cancellationToken);
        Total = all.Count;
        Groups = [.. ContentSchema.Types
            .Select(t => new TypeGroup(t, Pages.IndexModel.Plural(ContentSchema.TypeLabel(t)), [.. all.Where(s => s.Type == t)]))
            .Where(g => g.Structures.Count > 0)];
    }
}
