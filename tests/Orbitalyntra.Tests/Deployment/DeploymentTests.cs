using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orbitalyntra.Tests.Browser;
using YamlDotNet.RepresentationModel;

namespace Orbitalyntra.Tests.Deployment;

/// <summary>
/// What can be checked of the Azure deployment without Azure (docs/deploy.md): the Bicep builds and passes its linter with
/// no diagnostic, azure.yaml has what the Azure Developer CLI's schema requires and what our services need, and every
/// parameter the template needs is given by main.parameters.json.
/// </summary>
public sealed partial class DeploymentTests
{
    private static readonly string Root = BrowserScenario.RepoRoot;

    [Fact]
    public async Task The_bicep_builds_and_lints_without_a_single_diagnostic()
    {
        var build = await Bicep("build", Path.Combine(Root, "infra", "main.bicep"), "--stdout");
        Assert.True(build.ExitCode == 0 && build.Errors.Length == 0, $"bicep build: {build.Errors}");
        var lint = await Bicep("lint", Path.Combine(Root, "infra", "main.bicep"));
        Assert.True(lint.ExitCode == 0 && lint.Errors.Length == 0 && lint.Output.Trim().Length == 0, $"bicep lint: {lint.Output}{lint.Errors}");
    }

    [Fact]
    public async Task Every_parameter_the_template_requires_is_given_by_the_parameters_file()
    {
        var template = JsonDocument.Parse((await Bicep("build", Path.Combine(Root, "infra", "main.bicep"), "--stdout")).Output).RootElement;
        var given = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Root, "infra", "main.parameters.json"))).RootElement.GetProperty("parameters");
        var required = template.GetProperty("parameters").EnumerateObject().Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Name).ToList();
        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.True(given.TryGetProperty(name, out _), $"main.parameters.json does not give {name}"));
        Assert.All(given.EnumerateObject(), p => Assert.True(template.GetProperty("parameters").TryGetProperty(p.Name, out _), $"main.bicep has no parameter {p.Name}"));
    }

    [Fact]
    public void Azure_yaml_has_what_the_azd_schema_requires_and_our_two_container_apps()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "azure.yaml"))));
        var document = (YamlMappingNode)yaml.Documents.Single().RootNode;

        // The schema (azure.yaml.json, v1.0): a name of lowercase letters, digits and inner hyphens; services, each with a host.
        Assert.Matches(AzdName(), Scalar(document, "name"));
        var services = (YamlMappingNode)document.Children[new YamlScalarNode("services")];
        Assert.Equal(["silo", "web"], services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order());
        foreach (var (name, node) in services.Children)
        {
            var service = (YamlMappingNode)node;
            Assert.Equal("containerapp", Scalar(service, "host"));
            Assert.Equal("dotnet", Scalar(service, "language"));
            Assert.False(service.Children.ContainsKey(new YamlScalarNode("image")), $"{name}: project and image exclude each other");
            var project = Path.GetFullPath(Path.Combine(Root, Scalar(service, "project")));
            Assert.True(Directory.EnumerateFiles(project, "*.csproj").Any(), $"{name}: no project in {project}");
            var docker = (YamlMappingNode)service.Children[new YamlScalarNode("docker")];
            Assert.Equal("true", Scalar(docker, "remoteBuild"));
            Assert.True(File.Exists(Path.Combine(project, Scalar(docker, "path"))), $"{name}: no Dockerfile");
            Assert.True(File.Exists(Path.Combine(Path.GetFullPath(Path.Combine(project, Scalar(docker, "context"))), "Orbitalyntra.sln")), $"{name}: the build context is not the repository's root");
        }

        var infra = (YamlMappingNode)document.Children[new YamlScalarNode("infra")];
        Assert.Equal("bicep", Scalar(infra, "provider"));
        Assert.True(File.Exists(Path.Combine(Root, Scalar(infra, "path"), Scalar(infra, "module") + ".bicep")));
        var hooks = (YamlMappingNode)document.Children[new YamlScalarNode("hooks")];
        var preprovision = Path.Combine(Root, Scalar((YamlMappingNode)hooks.Children[new YamlScalarNode("preprovision")], "run"));
        Assert.True(File.Exists(preprovision), $"{preprovision} is missing");
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { } text }
            ? text
            : throw new Xunit.Sdk.XunitException($"azure.yaml: {key} is missing");

    private static async Task<(int ExitCode, string Output, string Errors)> Bicep(params string[] arguments)
    {
        var bicep = typeof(DeploymentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        var start = new ProcessStartInfo(bicep, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await errors);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex AzdName();
}
