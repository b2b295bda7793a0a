namespace GastroRef.Web.Instructors;

/// <summary>Reading lists, embeds and oEmbed: the tools for people who teach from the site.</summary>
public static class InstructorsSetup
{
    public static IServiceCollection AddInstructors(this IServiceCollection services) =>
        services.AddSingleton<IEmbedTargetResolver, ArticleEmbedResolver>();

    public static IEndpointRouteBuilder MapInstructors(this IEndpointRouteBuilder endpoints) => endpoints.MapOEmbed();
}
