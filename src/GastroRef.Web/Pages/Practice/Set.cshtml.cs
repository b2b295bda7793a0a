using GastroRef.Web.Data;
using GastroRef.Web.Discovery;
using GastroRef.Web.Practice;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Practice;

/// <summary>/practice/set?structures=…&amp;kinds=…&amp;count=…&amp;seed=…: one set of questions. Without JavaScript every
/// question shows with its answer behind "Show answer"; the script asks them one at a time and schedules reviews.</summary>
public sealed class SetModel(PracticeBank bank, SiteUrls urls) : PageModel
{
    public string Path => Set is null ? "/practice/set" : $"/practice/set?{Set.Query}";

    public string ShareUrl => urls.Absolute(Request, Path);

    public GraphSnapshot Graph { get; private set; } = null!;

    /// <summary>The version the questions come from; identify questions draw their plates from it.</summary>
    public PracticeSnapshot Snapshot { get; private set; } = null!;

    public PracticeSetRequest? Set { get; private set; }

    public PracticeRequestErrors? Errors { get; private set; }

    public IReadOnlyList<PracticeQuestion> Questions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var address = await PracticeAddress.ResolveAsync("/practice/set", Request.Query, bank, cancellationToken);
        Snapshot = address.Snapshot;
        Graph = address.Snapshot.Graph;
        if (address.RedirectTo is { } target)
        {
            return Redirect(target);
        }

        if (address.Errors is { } errors)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Set = address.Set!;
        Questions = address.Snapshot.Select(Set);
        return Page();
    }
}
