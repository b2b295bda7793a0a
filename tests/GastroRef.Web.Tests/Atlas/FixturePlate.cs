using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Atlas;

/// <summary>A small drawn plate of the tests' own, so the atlas is tested whatever drawings content/ holds.</summary>
internal static class FixturePlate
{
    public const string Slug = "fixture-calf";

    public const string Sidecar = """
        title: Fixture calf
        order: 90
        view: posterior
        side: right
        caption: "Right leg, posterior view: a test drawing."
        sources:
          - "Test reference one"
          - "Test reference two"
        checked: "Nothing: a test drawing."
        licence: "Own work, CC BY 4.0"
        """;

    public const string Svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 300">
          <title>Fixture calf</title>
          <g class="context"><path d="M40 10 L40 290 M160 10 L160 290"/></g>
          <g data-structure="popliteal-fossa" class="s-region"><path d="M100 20 L140 60 L100 100 L60 60 Z"/></g>
          <g data-structure="soleus" class="s-muscle"><path id="fixture-calf-soleus" d="M60 120 L140 120 L120 260 L80 260 Z"/></g>
          <g data-structure="medial-head-of-gastrocnemius" class="s-muscle"><path d="M62 80 L98 80 L96 220 L70 200 Z"/></g>
          <g data-structure="lateral-head-of-gastrocnemius" class="s-muscle"><path d="M102 80 L138 80 L130 190 L104 210 Z"/></g>
          <g data-structure="tibial-nerve" class="s-nerve"><path d="M98 20 L102 20 L102 120 L98 120 Z"/></g>
          <g data-structure="popliteal-artery" class="s-artery"><path d="M104 20 L108 20 L108 120 L104 120 Z"/></g>
          <g class="label" data-label-for="soleus"><path class="leader" d="M150 240 L120 240"/><text x="152" y="244">Soleus</text></g>
          <g class="label" data-label-for="medial-head-of-gastrocnemius"><path class="leader" d="M30 150 L75 150"/><text x="2" y="146">Medial head</text></g>
          <g class="label" data-label-for="tibial-nerve"><path class="leader" d="M150 40 L102 40"/><text x="152" y="44">Tibial nerve</text></g>
          <g class="orientation"><text x="5" y="295">Medial</text><text x="160" y="295">Lateral</text></g>
        </svg>
        """;

    /// <summary>A site whose content has the fixture plate, written before it starts.</summary>
    public static SiteFactory Site()
    {
        var site = new SiteFactory();
        WriteTo(site);
        return site;
    }

    public static void WriteTo(SiteFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        site.WriteContent($"plates/{Slug}.yml", Sidecar);
        site.WriteContent($"plates/{Slug}.svg", Svg);
    }
}
