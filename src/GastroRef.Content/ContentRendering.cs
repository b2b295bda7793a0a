using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace GastroRef.Content;

/// <summary>The site's own output, as a Markdig extension: a <c>::: sources-differ</c> container becomes a labelled
/// note, and a citation (<c>[7](#source-7)</c>) a marker with an accessible name. Rendered with HTML off
/// (<see cref="ArticleRenderer"/>'s text renderer), citations vanish and the note reads "Sources differ: …", which is
/// the text search indexes and snippets show.</summary>
internal sealed class ContentRenderingExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            html.ObjectRenderers.ReplaceOrAdd<HtmlCustomContainerRenderer>(new SourcesDifferRenderer());
            html.ObjectRenderers.ReplaceOrAdd<LinkInlineRenderer>(new CitationRenderer());
        }
    }
}

/// <summary>Marks a link as a citation of the page's source <c>Number</c>; set while links are checked.</summary>
internal static class Citation
{
    private static readonly object Key = typeof(Citation);

    public static void Mark(LinkInline link, int number) => link.SetData(Key, number);

    public static int? NumberOf(LinkInline link) => link.GetData(Key) as int?;
}

internal sealed class SourcesDifferRenderer : HtmlCustomContainerRenderer
{
    public const string Info = "sources-differ";

    protected override void Write(HtmlRenderer renderer, CustomContainer obj)
    {
        if (obj.Info != Info)
        {
            base.Write(renderer, obj);
            return;
        }

        if (!renderer.EnableHtmlForBlock)
        {
            renderer.Write("Sources differ: ");
            renderer.WriteChildren(obj);
            renderer.EnsureLine();
            return;
        }

        renderer.EnsureLine();
        renderer.Write("<div").WriteAttributes(obj).Write(" role=\"note\"><p class=\"sources-differ-label\"><strong>Sources differ</strong></p>");
        renderer.WriteChildren(obj);
        renderer.WriteLine("</div>");
    }
}

internal sealed class CitationRenderer : LinkInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        if (Citation.NumberOf(link) is not { } number)
        {
            base.Write(renderer, link);
            return;
        }

        if (!renderer.EnableHtmlForInline)
        {
            return; // a bare number means nothing in a snippet
        }

        // A bare number in running text reads as part of the sentence ("above the insertion 7."): raise it, and
        // give it a name that says what it is.
        var shown = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        renderer.Write("<sup class=\"citation\"><a href=\"").WriteEscapeUrl(link.Url)
            .Write("\" aria-label=\"source ").Write(shown).Write("\">").Write(shown).Write("</a></sup>");
    }
}
