namespace GastroRef.Content.Tests;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("soleus", "soleus", 0)]
    [InlineData("solues", "soleus", 1)] // two neighbouring letters swapped
    [InlineData("gastrocnemus", "gastrocnemius", 1)] // a letter left out
    [InlineData("tibial", "tibia", 1)]
    [InlineData("fibula", "tibula", 1)]
    [InlineData("plantaris", "plantar", 2)]
    [InlineData("", "calf", 4)]
    [InlineData("calf", "", 4)]
    [InlineData("abc", "ca", 3)] // optimal string alignment: a swapped pair is not edited again
    [InlineData("popliteus", "soleus", 4)]
    public void Counts_insertions_deletions_changes_and_swaps_of_neighbours(string a, string b, int distance)
    {
        Assert.Equal(distance, EditDistance.Between(a, b));
        Assert.Equal(distance, EditDistance.Between(b, a));
    }

    [Theory]
    [InlineData("popliteus", "soleus", 2)]
    [InlineData("gastrocnemius", "soleus", 1)]
    [InlineData("calcaneus", "calcaneal tendon", 3)]
    public void A_bounded_distance_stops_at_one_more_than_the_bound(string a, string b, int bound)
    {
        Assert.Equal(bound + 1, EditDistance.AtMost(a, b, bound));
    }

    [Theory]
    [InlineData("solues", "soleus", 1)]
    [InlineData("gastrocnemus", "gastrocnemius", 2)]
    [InlineData("tibia", "tibia", 0)]
    public void Within_the_bound_it_is_the_distance(string a, string b, int bound)
    {
        Assert.Equal(EditDistance.Between(a, b), EditDistance.AtMost(a, b, bound));
    }
}
