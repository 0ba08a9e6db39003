namespace DlnLab.Tests.Files;

public class IntegerTextTests
{
    [Theory]
    [InlineData("100000", 100000)]
    [InlineData("1e5", 100000)]
    [InlineData("-3", -3)]
    [InlineData("+7", 7)]
    [InlineData("9007199254740992", 9007199254740992)]
    [InlineData("9.007199254740992e15", 9007199254740992)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Reads_digits_and_integral_scientific_notation(string text, long expected)
    {
        Assert.True(IntegerText.TryParseLong(text, out long v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("1e16")] // above 2^53: no longer exact
    [InlineData("9223372036854775808")]
    [InlineData("1,000")]
    [InlineData("0x10")]
    [InlineData("")]
    public void Refuses_what_is_not_an_exact_64_bit_integer(string text) => Assert.False(IntegerText.TryParseLong(text, out _));

    [Fact]
    public void Seeds_take_every_value_up_to_2_to_the_64_minus_1_and_no_negative()
    {
        Assert.True(IntegerText.TryParseUnsigned("18446744073709551615", out ulong max));
        Assert.Equal(ulong.MaxValue, max);
        Assert.True(IntegerText.TryParseUnsigned("1e5", out ulong e5));
        Assert.Equal(100000UL, e5);
        Assert.False(IntegerText.TryParseUnsigned("18446744073709551616", out _));
        Assert.False(IntegerText.TryParseUnsigned("-1", out _));
        Assert.False(IntegerText.TryParseUnsigned("-1e3", out _));
    }

    [Fact]
    public void Int_is_the_32_bit_range()
    {
        Assert.True(IntegerText.TryParseInt("2147483647", out int max));
        Assert.Equal(int.MaxValue, max);
        Assert.False(IntegerText.TryParseInt("2147483648", out _));
        Assert.False(IntegerText.TryParseInt("3e9", out _));
    }
}
