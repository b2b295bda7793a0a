using System.Text.Json;
using System.Text.Json.Serialization;
using GastroRef.Content;

namespace GastroRef.Web.Data;

/// <summary>The parts of a rendered page that are only ever read together.</summary>
public sealed record StoredDocument(
    IReadOnlyList<RenderedKeyFact> KeyFacts,
    RenderedFragment Lead,
    IReadOnlyList<ArticleSection> Sections,
    IReadOnlyList<RenderedFragment> Sources,
    IReadOnlyDictionary<string, string> RetiredIds)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static StoredDocument From(StructureDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document.KeyFacts, document.Lead, document.Sections, document.Sources, document.RetiredIds);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static StoredDocument FromJson(string json) =>
        JsonSerializer.Deserialize<StoredDocument>(json, Options) ?? throw new InvalidDataException("Empty stored document.");
}
