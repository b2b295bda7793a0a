using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Pages.Anatomy;

/// <summary>/anatomy by kind and by region, with a plain GET form (no JavaScript needed).</summary>
public sealed class BrowseTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task The_filter_form_is_a_labelled_get_form_with_a_kind_and_a_region_select()
    {
        var page = await GetAsync("/anatomy");

        var form = page.QuerySelector("main form.browse-filters")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/anatomy", form.GetAttribute("action"));
        foreach (var name in new[] { "type", "region" })
        {
            var select = form.QuerySelector($"select[name={name}]")!;
            Assert.NotNull(form.QuerySelector($"label[for={select.Id}]"));
            Assert.Equal("", select.QuerySelector("option")!.GetAttribute("value"));
        }

        Assert.Contains("muscle", Options(form, "type"));
        // Every region once, outermost first, as they nest (lower limb › … ).
        var regions = Options(form, "region");
        Assert.Equal("", regions[0]);
        Assert.Equal(ContentOfType("region").Order(), regions.Skip(1).Order());
        Assert.Equal("lower-limb", regions[1]);
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
    }

    [Fact]
    public async Task Filtering_by_kind_lists_only_that_kind()
    {
        var page = await GetAsync("/anatomy?type=nerve");

        Assert.Equal(ContentOfType("nerve").Select(s => $"/anatomy/{s}"), Listed(page));
        Assert.Contains("/anatomy/femoral-nerve", Listed(page));
        Assert.Equal("Nerves", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("nerve", page.QuerySelector("select[name=type] option[selected]")!.GetAttribute("value"));
        Assert.EndsWith("/anatomy?type=nerve", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_holds_what_is_part_of_it_at_any_depth_and_what_is_related_to_it()
    {
        var page = await GetAsync("/anatomy?region=posterior-compartment-of-leg");
        var listed = Listed(page);

        // Through part_of chains: head → gastrocnemius → triceps surae → the compartment.
        Assert.Contains("/anatomy/triceps-surae", listed);
        Assert.Contains("/anatomy/gastrocnemius", listed);
        Assert.Contains("/anatomy/medial-head-of-gastrocnemius", listed);
        Assert.Contains("/anatomy/tibialis-posterior", listed);
        // Through related links to and from the region.
        Assert.Contains("/anatomy/tibial-nerve", listed);
        Assert.Contains("/anatomy/tennis-leg", listed);
        // Not the region itself, not a neighbouring region, not a structure linked to neither.
        Assert.DoesNotContain("/anatomy/posterior-compartment-of-leg", listed);
        Assert.DoesNotContain("/anatomy/popliteal-fossa", listed);
        Assert.DoesNotContain("/anatomy/semimembranosus", listed);
        Assert.Equal("posterior-compartment-of-leg", page.QuerySelector("select[name=region] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Kind_and_region_combine()
    {
        var page = await GetAsync("/anatomy?type=muscle&region=popliteal-fossa");

        Assert.Equal(["/anatomy/biceps-femoris", "/anatomy/semimembranosus", "/anatomy/semitendinosus"], Listed(page));
        Assert.Equal("Muscles in the popliteal fossa", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["type-muscle"], page.QuerySelectorAll("main h2[id^=type-]").Select(h => h.Id));
    }

    [Fact]
    public async Task Filter_values_are_case_insensitive_and_empty_values_mean_no_filter()
    {
        Assert.Equal(Listed(await GetAsync("/anatomy?type=nerve")), Listed(await GetAsync("/anatomy?type=NERVE&region=")));
        Assert.Equal(Listed(await GetAsync("/anatomy")), Listed(await GetAsync("/anatomy?type=&region=")));
    }

    [Fact]
    public async Task A_valid_filter_with_no_match_says_so_with_a_200()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/anatomy?type=tendon&region=popliteal-fossa", UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Listed(page));
        Assert.Contains("No tendons in the popliteal fossa", page.QuerySelector("main .notice")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/anatomy?type=bogus", "There is no kind \"bogus\"")]
    [InlineData("/anatomy?region=nowhere", "No region has the slug \"nowhere\"")]
    [InlineData("/anatomy?region=gastrocnemius", "Gastrocnemius is a muscle, not a region")]
    [InlineData("/anatomy?type=muscle&type=nerve", "Choose one kind at a time")]
    [InlineData("/anatomy?type=%3Cscript%3Ealert(1)%3C/script%3E", "There is no kind \"<script>alert(1)</script>\"")]
    public async Task Bad_filter_values_are_a_400_with_the_reason_and_the_form(string path, string message)
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("main [role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main form.browse-filters select[name=type]"));
        Assert.Empty(Listed(page));
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("link[rel=canonical]"));
    }

    private async Task<IDocument> GetAsync(string path)
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    private static List<string?> Listed(IDocument page) =>
        [.. page.QuerySelectorAll("main .structure-list a").Select(a => a.GetAttribute("href")).Order(StringComparer.Ordinal)];

    private static List<string?> Options(IElement form, string name) =>
        [.. form.QuerySelectorAll($"select[name={name}] option").Select(o => o.GetAttribute("value"))];

    /// <summary>The slugs of the content files of one type, by title, as Browse lists them (no file sets its own slug).</summary>
    private List<string> ContentOfType(string type) =>
        [.. Directory.EnumerateFiles(site.ContentPath, "*.md", SearchOption.AllDirectories)
            .Select(file => (Slug: Path.GetFileNameWithoutExtension(file), Text: File.ReadAllText(file)))
            .Where(page => Regex.IsMatch(page.Text, $@"(?m)^type: {type}\s*$"))
            .OrderBy(page => Regex.Match(page.Text, "(?m)^title: (.+)$").Groups[1].Value.Trim().Trim('"'), StringComparer.OrdinalIgnoreCase)
            .Select(page => page.Slug)];
}
