using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RollNet.Piano.Api;
using RollNet.Piano.Generation;
using Xunit;

namespace RollNet.Piano.Tests.Api;

public sealed class BusyServerTests
{
    [Trait("Category", "Hostile")]
    [Fact]
    public async Task A_generation_past_the_waiting_ones_gets_a_503_with_retry_after()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await ErrorResponses.Middleware(context, _ => throw new GeneratorsBusyException(running: 2, waiting: 16));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using JsonDocument body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("the server is busy: 2 generations run and 16 wait; try again shortly",
            body.RootElement.GetProperty("error").GetString());
    }
}
