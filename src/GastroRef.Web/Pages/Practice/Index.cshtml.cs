using GastroRef.Web.Data;
using GastroRef.Web.Practice;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Practice;

/// <summary>/practice: choose what to practise (a region, a kind of structure or one page), how and how much.
/// A GET form, so it works without JavaScript; the script adds the reviews due today and progress files.</summary>
public sealed class IndexModel(PracticeBank bank) : PageModel
{
    public GraphSnapshot Graph { get; private set; } = null!;

    /// <summary>Structure types that have at least one question, with their labels.</summary>
    public IReadOnlyList<(string Type, string Label)> Types { get; private set; } = [];

    public IReadOnlyList<GraphNode> Pages { get; private set; } = [];

    /// <summary>The kinds of question the content supports now (identify needs plates).</summary>
    public IReadOnlyList<string> Kinds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var snapshot = await bank.GetAsync(cancellationToken);
        Graph = snapshot.Graph;
        Kinds = [.. PracticeKinds.All.Where(k => snapshot.Questions.Any(q => q.Kind == k))];
        var asked = snapshot.Questions.Select(q => q.Subject).ToHashSet(StringComparer.Ordinal);
        Pages = [.. Graph.All.Where(n => asked.Contains(n.Slug))];
        Types = [.. GastroRef.Content.ContentSchema.Types
            .Where(t => Pages.Any(p => p.Type == t))
            .Select(t => (t, BrowseLabels.Plural(t)))];
    }
}
