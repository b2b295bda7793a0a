using GastroRef.Content;
using GastroRef.Content.Plates;

namespace GastroRef.Content.Tests.Plates;

/// <summary>Each plate rule, broken once on a known line of an otherwise valid plate: the error names the file and line.</summary>
public sealed class PlateValidationTests : IDisposable
{
    private const string Sidecar = """
        title: Test plate
        order: 1
        view: posterior
        side: right
        caption: "Right leg, posterior view."
        sources:
          - "Reference one"
          - "Reference two"
        checked: "Positions against both references."
        licence: "Own work, CC BY 4.0"
        """;

    private readonly TempContent _content = new();

    public PlateValidationTests()
    {
        _content.Page("muscle", "soleus");
        _content.Page("nerve", "tibial-nerve");
    }

    public void Dispose() => _content.Dispose();

    /// <summary>A valid plate with <paramref name="line3"/> as its third line, inside the svg element.</summary>
    private static string Svg(string line3) => $"""
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 200">
          <g class="context"><path d="M0 0 L10 10"/></g>
          {line3}
          <g data-structure="soleus" class="s-muscle"><path id="test-plate-soleus" d="M10 10 L20 20"/></g>
          <g class="label" data-label-for="soleus"><path class="leader" d="M0 0 L1 1"/><text x="1" y="1">Soleus</text></g>
        </svg>
        """;

    private ContentSet LoadPlate(string svg, string sidecar = Sidecar)
    {
        _content.Write("plates/test-plate.yml", sidecar);
        _content.Write("plates/test-plate.svg", svg);
        return _content.Load();
    }

    [Fact]
    public void A_valid_plate_loads_with_its_structures_and_no_problems()
    {
        var content = LoadPlate(Svg("<g data-structure=\"tibial-nerve\" class=\"s-nerve\"><path d=\"M1 1 L2 2\"/></g>"));

        Assert.Empty(content.Problems);
        var plate = Assert.Single(content.Plates.Plates);
        Assert.Equal(["tibial-nerve", "soleus"], plate.Structures);
        Assert.Equal("Right leg, posterior view.", plate.Caption);
        Assert.Equal(2, plate.Sources.Count);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script> is not allowed")]
    [InlineData("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>", "<foreignObject> is not allowed")]
    [InlineData("<image href=\"#test-plate-soleus\"/>", "<image> is not allowed")]
    [InlineData("<style>path { fill: red }</style>", "<style> is not allowed")]
    [InlineData("<path d=\"M0 0\" onclick=\"alert(1)\"/>", "the event attribute 'onclick' is not allowed")]
    [InlineData("<path d=\"M0 0\" onmouseover=\"alert(1)\"/>", "the event attribute 'onmouseover' is not allowed")]
    [InlineData("<use href=\"https://example.org/x.svg#a\"/>", "href=\"https://example.org/x.svg#a\" is not allowed")]
    [InlineData("<use xlink:href=\"javascript:alert(1)\"/>", "xlink:href=\"javascript:alert(1)\" is not allowed")]
    [InlineData("<use href=\"data:image/svg+xml,x\"/>", "href=\"data:image/svg+xml,x\" is not allowed")]
    [InlineData("<path d=\"M0 0\" style=\"fill: url(https://example.org/p.svg#g)\"/>", "url(https://example.org/p.svg#g) in 'style' points outside the plate")]
    [InlineData("<path d=\"M0 0\" filter=\"url('other.svg#f')\"/>", "url(other.svg#f) in 'filter' points outside the plate")]
    [InlineData("<path d=\"M0 0\" style=\"@import 'https://example.org/a.css'\"/>", "@import is not allowed")]
    [InlineData("<path id=\"soleus-outline\" d=\"M0 0\"/>", "the id 'soleus-outline' must start with 'test-plate-'")]
    [InlineData("<g data-structure=\"tibial-nerve\" class=\"s-nerve\"><g data-structure=\"soleus\" class=\"s-muscle\"/></g>", "data-structure 'soleus' is inside another data-structure group")]
    [InlineData("<g data-structure=\"tibal-nerve\" class=\"s-nerve\"/>", "data-structure 'tibal-nerve' names no page; did you mean 'tibial-nerve'?")]
    [InlineData("<g class=\"label\" data-label-for=\"tibial-nerve\"><text>Tibial nerve</text></g>", "the label for 'tibial-nerve' has no shape")]
    [InlineData("<a href=\"#test-plate-soleus\"><path d=\"M0 0\"/></a>", "<a> is not allowed")]
    [InlineData("<set attributeName=\"href\" to=\"javascript:alert(1)\"/>", "<set> is not allowed")]
    public void Each_rule_is_an_error_at_its_line(string line3, string message)
    {
        var content = LoadPlate(Svg(line3));

        var error = Assert.Single(content.Errors);
        Assert.Equal("plates/test-plate.svg", error.Path);
        Assert.Equal(3, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(content.Plates.Plates);
        Assert.Equal(["test-plate"], content.Plates.RejectedSlugs);
    }

    [Fact]
    public void A_repeated_id_is_an_error_at_its_second_use()
    {
        var error = Assert.Single(LoadPlate(Svg("<path id=\"test-plate-soleus\" d=\"M0 0\"/>")).Errors);

        Assert.Equal("plates/test-plate.svg:4: the id 'test-plate-soleus' is already used on line 3", error.ToString());
    }

    [Fact]
    public void Malformed_xml_is_an_error_at_its_line()
    {
        var error = Assert.Single(LoadPlate(Svg("<g class=\"context\"><path d=\"M0 0\"></g>")).Errors);

        Assert.Equal("plates/test-plate.svg", error.Path);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("the SVG is not well-formed XML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_doctype_is_refused_and_never_resolved()
    {
        var svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" + Svg("<text>&xxe;</text>");

        var error = Assert.Single(LoadPlate(svg).Errors);

        Assert.Equal(2, error.Line);
        Assert.Equal("a DOCTYPE is not allowed in a plate (DTDs are never read)", error.Message);
    }

    [Fact]
    public void Width_and_height_on_the_root_are_errors()
    {
        var svg = Svg("<g class=\"context\"/>").Replace("viewBox=", "width=\"100\" viewBox=", StringComparison.Ordinal);

        var error = Assert.Single(LoadPlate(svg).Errors);

        Assert.Equal(1, error.Line);
        Assert.Contains("remove 'width' from <svg>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_colour_on_a_structure_shape_is_a_warning()
    {
        var content = LoadPlate(Svg("<g data-structure=\"tibial-nerve\" class=\"s-nerve\"><path fill=\"#ff0\" d=\"M0 0\"/></g>"));

        Assert.Empty(content.Errors);
        var warning = Assert.Single(content.Problems);
        Assert.Equal(3, warning.Line);
        Assert.Contains("remove the colour", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: Test plate\n", "add 'title'")]
    [InlineData("caption: \"Right leg, posterior view.\"\n", "add 'caption'")]
    [InlineData("licence: \"Own work, CC BY 4.0\"\n", "add 'licence'")]
    [InlineData("side: right\n", "add 'side'")]
    [InlineData("view: posterior\n", "add 'view'")]
    [InlineData("  - \"Reference two\"\n", "list at least two sources")]
    public void Each_missing_sidecar_field_is_an_error(string removed, string message)
    {
        var sidecar = Sidecar.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        Assert.Contains(removed, sidecar, StringComparison.Ordinal);

        var error = Assert.Single(LoadPlate(Svg("<g class=\"context\"/>"), sidecar.Replace(removed, "", StringComparison.Ordinal)).Errors);

        Assert.Equal("plates/test-plate.yml", error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_sidecar_key_is_an_error_at_its_line()
    {
        var error = Assert.Single(LoadPlate(Svg("<g class=\"context\"/>"), Sidecar + "\ncolour: red\n").Errors);

        Assert.Equal("plates/test-plate.yml", error.Path);
        Assert.Equal(11, error.Line);
        Assert.StartsWith("unknown key 'colour'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drawing_without_a_sidecar_is_an_error()
    {
        _content.Write("plates/lonely.svg", Svg("<g class=\"context\"/>"));

        var error = Assert.Single(_content.Load().Errors);

        Assert.Equal("plates/lonely.svg:1: the plate has no sidecar: add plates/lonely.yml with its title, caption and sources", error.ToString());
    }

    [Fact]
    public void A_generated_plate_needs_no_drawing_and_checks_its_context_nodes()
    {
        _content.Write("plates/nerve-tree.yml", Sidecar.Replace("order: 1", "order: 8", StringComparison.Ordinal) + """

            generated: nerves
            context:
              - {name: Sciatic nerve, type: nerve, children: [tibial-nerve]}
              - {name: Medial sural cutaneous nerve, type: nerve, parent: tibal-nerve}
            """);

        var content = _content.Load();

        var error = Assert.Single(content.Errors);
        Assert.Equal(14, error.Line);
        Assert.Contains("'tibal-nerve' names no page; did you mean 'tibial-nerve'?", error.Message, StringComparison.Ordinal);
    }
}
