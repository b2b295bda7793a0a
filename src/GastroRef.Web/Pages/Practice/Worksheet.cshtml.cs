using GastroRef.Web.Discovery;
using GastroRef.Web.Practice;

namespace GastroRef.Web.Pages.Practice;

/// <summary>/practice/worksheet?…: the same set as a page to print, questions first and the answer key after, with no
/// script at all.</summary>
public sealed class WorksheetModel(PracticeBank bank, SiteUrls urls) : PracticeSetPage(bank, "/practice/worksheet")
{
    public string SetUrl => Set is null ? "" : urls.Absolute(Request, $"/practice/set?{Set.Query}");

    public string Absolute(string path) => urls.Absolute(Request, path);

    /// <summary>A, B, C… for choices and matching answers.</summary>
    public static string Letter(int index) => ((char)('A' + index)).ToString();
}
