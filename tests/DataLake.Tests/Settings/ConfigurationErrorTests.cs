using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Settings;

namespace TrendingTv.DataLake.Tests.Settings;

/// <summary>The one configuration-error line of both programs, from the real binder's and validator's exceptions.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("Sample:Retention", "secret-abc", "the setting Sample:Retention cannot be read as a duration (hh:mm:ss or d.hh:mm:ss) (environment variable Sample__Retention).")]
    [InlineData("Sample:Attempts", "secret-many", "the setting Sample:Attempts cannot be read as a whole number (environment variable Sample__Attempts).")]
    [InlineData("Sample:Enabled", "secret-maybe", "the setting Sample:Enabled cannot be read as true or false (environment variable Sample__Enabled).")]
    public void A_value_the_binder_cannot_read_names_the_setting_and_its_variable_but_not_the_value(string key, string value, string expected)
    {
        var error = Assert.ThrowsAny<Exception>(() => OptionsFrom(new() { [key] = value }).Value);

        var line = ConfigurationError.Describe(error);

        Assert.Equal(ConfigurationError.Prefix + expected, line);
        Assert.DoesNotContain(value, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_validation_is_its_message_without_the_frameworks_wrapping()
    {
        var error = Assert.Throws<OptionsValidationException>(() => OptionsFrom(new() { ["Sample:Attempts"] = "0" }).Value);

        Assert.Equal("Configuration error: Attempts must be between 1 and 10.", ConfigurationError.Describe(error));
    }

    [Fact]
    public void A_configuration_error_inside_another_exception_is_found()
    {
        var inner = Assert.Throws<OptionsValidationException>(() => OptionsFrom(new() { ["Sample:Attempts"] = "11" }).Value);

        Assert.Equal("Configuration error: Attempts must be between 1 and 10.", ConfigurationError.Describe(new InvalidOperationException("Host start failed.", inner)));
    }

    [Fact]
    public void Other_errors_are_not_configuration_errors()
    {
        Assert.Null(ConfigurationError.Describe(new InvalidOperationException("The store is busy.")));
        Assert.Null(ConfigurationError.Describe(new FileNotFoundException("Replay file 'x.jsonl' does not exist.")));
    }

    private static IOptions<SampleOptions> OptionsFrom(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<SampleOptions>().Bind(configuration.GetSection("Sample")).ValidateDataAnnotations();
        return services.BuildServiceProvider().GetRequiredService<IOptions<SampleOptions>>();
    }

    public sealed class SampleOptions
    {
        public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

        [Range(1, 10, ErrorMessage = "Attempts must be between 1 and 10.")]
        public int Attempts { get; set; } = 3;

        public bool Enabled { get; set; }
    }
}
