using GastroRef.Web.Data;

namespace GastroRef.Web.Search;

public static class SearchSetup
{
    /// <summary>The search engine (its vocabulary is built into each content snapshot, see <see cref="IContentSnapshotPart"/>)
    /// and the index writer the seeder runs inside its transaction. Needs the store (<see cref="StoreSetup.AddGastroRefStore"/>).</summary>
    public static IServiceCollection AddGastroRefSearch(this IServiceCollection services)
    {
        services.AddSingleton<SearchEngine>();
        services.AddSingleton<IContentSnapshotPart>(provider => provider.GetRequiredService<SearchEngine>());
        services.AddSingleton<IContentIndex, SearchIndexWriter>();
        return services;
    }
}
