using GastroRef.Web.Data;
using GastroRef.Web.Discovery;
using GastroRef.Web.Practice;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Practice;

/// <summary>/practice/worksheet?…: the same set as a page to print, questions first and the answer key after, with no
/// script at all.</summary>
public sealed class WorksheetModel(PracticeBank bank, SiteUrls urls) : PageModel
{
    public GraphSnapshot Graph { get; private set; } = null!;

    /// <summary>The version the questions come from; identify questions draw their plates from it.</summary>
    public PracticeSnapshot Snapshot { get; private set; } = null!;

    public PracticeSetRequest? Set { get; private set; }

    public PracticeRequestErrors? Errors { get; private set; }

    public IReadOnlyList<PracticeQuestion> Questions { get; private set; } = [];

    public string SetUrl => Set is null ? "" : urls.Absolute(Request, $"/practice/set?{Set.Query}");

    public string Absolute(string path) => urls.Absolute(Request, path);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var address = await PracticeAddress.ResolveAsync("/practice/worksheet", Request.Query, bank, cancellationToken);
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

    /// <summary>A, B, C… for choices and matching answers.</summary>
    public static string Letter(int index) => ((char)('A' + index)).ToString();
}
