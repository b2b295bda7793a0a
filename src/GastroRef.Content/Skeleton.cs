using System.Globalization;
using System.Text;

namespace GastroRef.Content;

/// <summary>Writes the starting file for a new structure: the front matter and the sections its type needs.</summary>
public static class Skeleton
{
    public static string FolderFor(string type) => type switch
    {
        _ when ContentSchema.MuscleTypes.Contains(type) => "muscles",
        "nerve" => "nerves",
        "artery" or "vein" => "vessels",
        "bone" => "bones",
        "joint" => "joints",
        "tendon" => "tendons",
        "ligament" => "ligaments",
        "cartilage" => "joints",
        "region" => "regions",
        "condition" => "conditions",
        _ => throw new ArgumentException($"unknown type '{type}'", nameof(type)),
    };

    /// <summary>The line that makes a new page a draft, so a page full of TODOs is never published.</summary>
    public const string DraftLine = "draft: true # remove this line when the TODOs are done: until then the site does not publish the page\n";

    public static string Create(string type, string slug, DateOnly today)
    {
        if (!ContentSchema.Types.Contains(type))
        {
            throw new ArgumentException($"unknown type '{type}' (allowed: {string.Join(", ", ContentSchema.Types)})", nameof(type));
        }

        if (!FrontMatterReader.SlugPattern().IsMatch(slug))
        {
            throw new ArgumentException($"'{slug}' is not a slug: use lowercase kebab-case, like 'tibial-nerve'", nameof(slug));
        }

        // The site writes titles in sentence case: "Tibialis anterior", not "Tibialis Anterior".
        var words = slug.Replace('-', ' ');
        var title = char.ToUpperInvariant(words[0]) + words[1..];
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append(CultureInfo.InvariantCulture, $"title: {title}\n");
        text.Append(DraftLine);
        text.Append(CultureInfo.InvariantCulture, $"type: {type}\n");
        text.Append("latin: \n".Replace(" \n", " TODO Latin name\n", StringComparison.Ordinal));
        text.Append("aliases: []\n");
        text.Append(CultureInfo.InvariantCulture, $"summary: TODO one sentence saying what the {ContentSchema.TypeLabel(type)} is and does.\n");
        text.Append("key_facts:\n");
        foreach (var key in ContentSchema.KeyFactsByType[type])
        {
            text.Append(CultureInfo.InvariantCulture, $"  {key}: TODO\n");
        }

        text.Append("relations: {}\n");
        text.Append("sources:\n");
        text.Append("  - \"TODO first reference (author, title, edition, publisher, year)\"\n");
        text.Append("  - \"TODO second reference\"\n");
        text.Append(CultureInfo.InvariantCulture, $"updated: {today:yyyy-MM-dd}\n");
        text.Append("---\n\n");
        text.Append("TODO an opening paragraph for a first-year student.\n");
        foreach (var id in ContentSchema.RequiredSectionsByType[type])
        {
            var heading = ContentSchema.CanonicalSectionIds.First(p => p.Value == id).Key;
            text.Append(CultureInfo.InvariantCulture, $"\n## {char.ToUpperInvariant(heading[0])}{heading[1..]}\n\nTODO\n");
        }

        return text.ToString();
    }
}
