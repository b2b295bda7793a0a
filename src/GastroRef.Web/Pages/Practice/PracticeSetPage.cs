using GastroRef.Web.Data;
using GastroRef.Web.Practice;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Practice;

/// <summary>What the set and its printable worksheet share: the set read from the address, its questions, or what is
/// wrong with the address (400), or a redirect to the address written out in full.</summary>
public abstract class PracticeSetPage(PracticeBank bank, string path) : PageModel
{
    /// <summary>The version the questions come from; identify questions draw their plates from it.</summary>
    public PracticeSnapshot Snapshot { get; private set; } = null!;

    public GraphSnapshot Graph => Snapshot.Graph;

    public PracticeSetRequest? Set { get; private set; }

    public PracticeRequestErrors? Errors { get; private set; }

    public IReadOnlyList<PracticeQuestion> Questions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var address = await PracticeAddress.ResolveAsync(path, Request.Query, bank, cancellationToken);
        Snapshot = address.Snapshot;
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
