using GastroRef.Web.Data;

namespace GastroRef.Web.Search;

public static class SearchSetup
{
    /// <summary>The search engine (one per site: it holds the vocabulary of the current content version) and the
    /// index writer the seeder runs inside its transaction. Needs the store (<see cref="StoreSetup.AddGastroRefStore"/>).</summary>
    public static IServiceCollection AddGastroRefSearch(this IServiceCollection services)
    {
        services.AddSingleton<SearchEngine>();
        services.AddSingleton<IContentSnapshotPart>(provider => provider.GetRequiredService<SearchEngine>());
        services.AddSingleton<IContentIndex, SearchIndexWriter>();
        services.AddHostedService<EngineAtStart>();
        return services;
    }

    /// <summary>Creates the engine with the site, before the first seeding, so it hears of every content change and
    /// loads the new vocabulary in the background instead of in the first search after it.</summary>
    private sealed class EngineAtStart(SearchEngine engine) : IHostedService
    {
        public SearchEngine Engine { get; } = engine;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
