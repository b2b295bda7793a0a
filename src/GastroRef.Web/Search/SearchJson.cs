using System.Text.Json;
using System.Text.Json.Serialization;

namespace GastroRef.Web.Search;

/// <summary>The API's answers written by generated code rather than by reflection, which took about 8 % of an
/// uncached search (docs/benchmarks.md). Types not listed here fall through to the reflection resolver.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SearchResults))]
[JsonSerializable(typeof(SearchApi.SuggestJson))]
internal sealed partial class SearchJson : JsonSerializerContext;
