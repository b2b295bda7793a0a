using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Pages.Anatomy;

public sealed class BreadcrumbTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("gastrocnemius", "Anatomy|Lower limb|Leg|Posterior compartment of the leg|Triceps surae|Gastrocnemius")]
    [InlineData("medial-head-of-gastrocnemius", "Anatomy|Lower limb|Leg|Posterior compartment of the leg|Triceps surae|Gastrocnemius|Medial head of gastrocnemius")]
    [InlineData("popliteal-artery", "Anatomy|Lower limb|Knee region|Popliteal fossa|Popliteal artery")]
    [InlineData("tibial-nerve", "Anatomy|Lower limb|Knee region|Popliteal fossa|Tibial nerve")]
    [InlineData("tennis-leg", "Anatomy|Conditions|Tennis leg")]
    [InlineData("lower-limb", "Anatomy|Regions|Lower limb")]
    [InlineData("rectus-femoris", "Anatomy|Lower limb|Thigh|Anterior compartment of the thigh|Quadriceps femoris|Rectus femoris")]
    [InlineData("femur", "Anatomy|Lower limb|Thigh|Anterior compartment of the thigh|Femur")]
    [InlineData("popliteal-fossa", "Anatomy|Lower limb|Knee region|Popliteal fossa")]
    public async Task Breadcrumbs_go_region_then_group_then_structure(string slug, string expected)
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri($"/anatomy/{slug}", UriKind.Relative)));

        var crumbs = page.QuerySelectorAll("nav.breadcrumbs[aria-label=Breadcrumb] li a").ToList();
        Assert.Equal(expected, string.Join('|', crumbs.Select(a => a.TextContent.Trim())));
        Assert.Equal($"/anatomy/{slug}", crumbs[^1].GetAttribute("href"));
        Assert.Equal("page", crumbs[^1].GetAttribute("aria-current"));
        Assert.Single(page.QuerySelectorAll("nav.breadcrumbs [aria-current=page]"));
        foreach (var crumb in crumbs.SkipLast(1))
        {
            var response = await client.GetAsync(new Uri(crumb.GetAttribute("href")!, UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"{crumb.GetAttribute("href")} answered {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/anatomy?type=muscle&region=popliteal-fossa", "Anatomy|Popliteal fossa|Muscles")]
    [InlineData("/anatomy?type=nerve", "Anatomy|Nerves")]
    [InlineData("/compare?a=gastrocnemius&b=soleus", "Anatomy|Muscles|Compare")]
    public async Task Browse_and_compare_pages_have_breadcrumbs_too(string path, string expected)
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri(path, UriKind.Relative)));

        var crumbs = page.QuerySelectorAll("nav.breadcrumbs li a").Select(a => a.TextContent.Trim());
        Assert.Equal(expected, string.Join('|', crumbs));
    }
}
