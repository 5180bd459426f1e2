using System.Text;
using CrmCdp.Web.Platform.Validation;

namespace CrmCdp.UnitTests.Platform;

public sealed class StorableJsonTests
{
    [Theory]
    [InlineData("""{"a":"plain","b":[1,2.5,-3e10,"\u00e9\ud83d\ude00"],"c":{"d":null,"e":true}}""")]
    [InlineData("""{"n":1e308,"m":-1.7976931348623157e308,"tiny":4.9e-324,"zero":0e-5,"long":123456789012345678901234567890}""")]
    [InlineData("""{"escaped":"a\\u0000b","quote":"\"","tab":"\t"}""")]
    [InlineData("""{"big":1e308,"fraction":0.000000000000000000000000000000001}""")]
    public void Storable_json_has_no_problem(string json) =>
        Assert.Null(StorableJson.FirstProblem(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"a":"x\u0000y"}""", "a", "NUL")]
    [InlineData("""{"x\u0000y":1}""", "x\\u0000y", "property name")]
    [InlineData("""{"a":{"b":[1,{"c":"\ud800"}]}}""", "a.b[1].c", "surrogate")]
    [InlineData("""{"a":"\udc00"}""", "a", "surrogate")]
    [InlineData("""{"a":"\ud800\ud800"}""", "a", "surrogate")]
    [InlineData("""{"a":"\ud800x"}""", "a", "surrogate")]
    [InlineData("""{"a":[0,0,1e309]}""", "a[2]", "Numbers")]
    [InlineData("""{"a":1e-1001}""", "a", "Numbers")]
    [InlineData("""{"a":0.5e-1000}""", "a", "Numbers")]
    [InlineData("""{"a":1e99999999999}""", "a", "Numbers")]
    [InlineData("""["ok","\u0000"]""", "[1]", "NUL")]
    public void The_first_unstorable_value_is_named_by_its_path(string json, string path, string reason)
    {
        var problem = StorableJson.FirstProblem(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(problem);
        Assert.Equal(path, problem.Path);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_does_not_hide_the_body_the_serializer_reads_after_it()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. """{"body":"\u0000"}"""u8];

        var problem = StorableJson.FirstProblem(json);

        Assert.NotNull(problem);
        Assert.Equal("body", problem.Path);
        Assert.Contains("NUL", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_and_the_prefix_leads_the_path()
    {
        byte[] json = [.. "{\"a\":\""u8, 0xFF, 0xFE, .. "\"}"u8];

        var problem = StorableJson.FirstProblem(json, "batch[3]");

        Assert.NotNull(problem);
        Assert.Equal("batch[3].a", problem.Path);
        Assert.Contains("UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skipped_top_level_property_is_not_looked_into()
    {
        var json = Encoding.UTF8.GetBytes("""{"batch":[{"a":"\u0000"}],"context":{"ip":"1.2.3.4"}}""");

        Assert.Null(StorableJson.FirstProblem(json, skipTopLevelProperty: "batch"));
        Assert.Equal("batch[0].a", StorableJson.FirstProblem(json)!.Path);
    }
}
