using RollNet.IO;
using Xunit;

namespace RollNet.Tests.IO;

public sealed class ResemblanceTests
{
    private static readonly string[] Options = ["--prime", "--prime-data", "--steps", "--temperature", "--tempo", "-h", "-?", "--help"];

    [Theory]
    [InlineData("--primer", "--prime")]
    [InlineData("--PRIME", "--prime")]
    [InlineData("--setps", "--steps")]
    [InlineData("--temperatur", "--temperature")]
    [InlineData("--hlp", "--help")]
    [InlineData("--temp", "--tempo")]
    public void ASlipIsNamedBackAsTheNearestName(string typed, string meant) =>
        Assert.Equal([meant], Resemblance.Closest(typed, Options));

    [Fact]
    public void NamesEquallyNearAreAllNamedInTheOrderGiven() =>
        Assert.Equal(["--step", "--stow"], Resemblance.Closest("--stop", ["--step", "--steps", "--stow"]));

    [Theory]
    [InlineData("--zzzzzzzz")]
    [InlineData("-o")]
    [InlineData("--")]
    [InlineData("x")]
    public void WhatResemblesNothingIsNamedBackAsNothing(string typed) => Assert.Empty(Resemblance.Closest(typed, Options));

    [Fact]
    public void ABeginningTakesTheNamesItBeginsWhenNoneIsNearEnough() =>
        Assert.Equal(["--temperature"], Resemblance.Closest("--temper", ["--temperature", "--steps"]));

    [Fact]
    public void ANameTooLongToBeASlipIsNotMeasured() =>
        Assert.Empty(Resemblance.Closest("--" + new string('a', 65), [new string('a', 65), "--" + new string('a', 64)]));
}
