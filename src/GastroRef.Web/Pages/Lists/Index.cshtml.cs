using GastroRef.Web.Data;
using GastroRef.Web.Instructors;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Lists;

/// <summary>/lists?title=…&amp;i=slug/section&amp;n=note…: a reading list rendered from its address alone
/// (format in <see cref="ReadingList"/>). Items that cannot be shown are named on the page; the page itself always answers.</summary>
public sealed class IndexModel(StructureQueries queries) : PageModel
{
    public ReadingList List { get; private set; } = null!;

    public IReadOnlyList<ListedSection> Sections { get; private set; } = [];

    public IReadOnlyList<ReadingListProblem> Problems { get; private set; } = [];

    /// <summary>The list's own address, rebuilt from what was understood (problems left out).</summary>
    public string Address { get; private set; } = "/lists";

    /// <summary>The practice set for the listed structures, or null when nothing was found.</summary>
    public string? PracticeUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        List = ReadingList.Parse(Request.QueryString.Value);
        // One read: every item from the same content version.
        await using var read = await queries.ReadAsync(cancellationToken);
        var sections = new List<ListedSection>();
        var problems = new List<ReadingListProblem>();
        foreach (var item in List.Items)
        {
            var (found, problem) = await SectionFinder.FindAsync(read, item.Slug, item.Section, cancellationToken);
            if (found is null)
            {
                problems.Add(new(item.Reference, problem!));
                continue;
            }

            var number = sections.Count + 1;
            var html = SectionHtml.Relocate(found.Section.Html, found.PageUrl, $"item-{number}-source-", $"item-{number}-");
            sections.Add(new ListedSection(number, found, item.Note, html));
        }

        Sections = sections;
        Problems = [.. List.Problems, .. problems];
        Address = ReadingList.Address(List.Title, Sections.Select(s => new ReadingListItem(s.Found.Page.Record.Slug, s.Found.Section.Id, s.Note)));
        var slugs = Sections.Select(s => s.Found.Page.Record.Slug).Distinct(StringComparer.Ordinal).ToList();
        PracticeUrl = slugs.Count == 0 ? null : "/practice/set?structures=" + string.Join(',', slugs);
    }
}
