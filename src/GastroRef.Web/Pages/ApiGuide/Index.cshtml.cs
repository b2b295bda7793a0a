using GastroRef.Content;
using GastroRef.Web.Api;
using GastroRef.Web.Discovery;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.ApiGuide;

/// <summary>/api: the API described for people; the footer's "API" link comes here rather than to raw JSON.</summary>
public sealed class IndexModel(SiteUrls urls) : PageModel
{
    public string DocumentPath => ApiSetup.DocumentPath;

    public string ExampleUrl => urls.Absolute(Request, StructureUrls.Article("soleus"));

    public string ExampleApiUrl => urls.Absolute(Request, "/api/structures/soleus");

    public void OnGet()
    {
    }
}
