namespace GastroRef.Content.Tests;

public sealed class QuotedTextTests
{
    [Fact]
    public void Short_values_are_quoted_whole_and_long_ones_are_cut_to_the_limit_with_an_ellipsis()
    {
        Assert.Equal("tibial-nerve", QuotedText.Shorten("tibial-nerve"));
        Assert.Equal(new string('a', 60), QuotedText.Shorten(new string('a', 60)));

        var cut = QuotedText.Shorten(new string('b', 500));
        Assert.Equal(58, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.Equal(78, QuotedText.Shorten(new string('c', 81), 80).Length);
    }
}
