using GastroRef.Web.Discovery;
using GastroRef.Web.Practice;

namespace GastroRef.Web.Pages.Practice;

/// <summary>/practice/set?structures=…&amp;kinds=…&amp;count=…&amp;seed=…: one set of questions. Without JavaScript every
/// question shows with its answer behind "Show answer"; the script asks them one at a time and schedules reviews.</summary>
public sealed class SetModel(PracticeBank bank, SiteUrls urls) : PracticeSetPage(bank, "/practice/set")
{
    public string Path => Set is null ? "/practice/set" : $"/practice/set?{Set.Query}";

    public string ShareUrl => urls.Absolute(Request, Path);
}
