using System.Reflection;
using NetArchTest.Rules;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.UnitTests.Architecture;

/// <summary>
/// The seams the design depends on, read from the compiled code (method bodies included): Privacy and Retention reach
/// holders only through their contracts, and the web host's folders depend one way (docs/decisions/0013, 0014).
/// </summary>
public sealed class DependencyTests
{
    private static readonly string[] OtherDomains =
        ["Orbitalyntra.Chat", "Orbitalyntra.Visitors", "Orbitalyntra.Accounts", "Orbitalyntra.Analytics", "Orbitalyntra.Desk"];

    public static TheoryData<string, string> PrivacyAndRetention => new()
    {
        { "Orbitalyntra.Grains", "Orbitalyntra.Privacy" },
        { "Orbitalyntra.Grains", "Orbitalyntra.Retention" },
        { "Orbitalyntra.Grains.Interfaces", "Orbitalyntra.Privacy" },
        { "Orbitalyntra.Grains.Interfaces", "Orbitalyntra.Retention" },
    };

    [Theory]
    [MemberData(nameof(PrivacyAndRetention))]
    public void Privacy_and_retention_reference_no_type_of_another_domain(string assembly, string domain) =>
        AssertHolds(Types.InAssembly(Load(assembly)).That().ResideInNamespace(domain), types => types.ShouldNot().HaveDependencyOnAny(OtherDomains));

    public static TheoryData<string, string[]> WebFolders => new()
    {
        { "Orbitalyntra.Web.Security", ["Orbitalyntra.Web.Apis", "Orbitalyntra.Web.Hubs", "Orbitalyntra.Web.Relay", "Orbitalyntra.Web.Chat", "Orbitalyntra.Web.Hosting"] },
        { "Orbitalyntra.Web.Chat", ["Orbitalyntra.Web.Apis", "Orbitalyntra.Web.Hubs", "Orbitalyntra.Web.Relay", "Orbitalyntra.Web.Hosting"] },
        { "Orbitalyntra.Web.Relay", ["Orbitalyntra.Web.Apis", "Orbitalyntra.Web.Hubs", "Orbitalyntra.Web.Hosting"] },
        { "Orbitalyntra.Web.Apis", ["Orbitalyntra.Web.Hubs", "Orbitalyntra.Web.Relay", "Orbitalyntra.Web.Hosting"] },
        { "Orbitalyntra.Web.Hubs", ["Orbitalyntra.Web.Apis", "Orbitalyntra.Web.Hosting"] },
    };

    [Theory]
    [MemberData(nameof(WebFolders))]
    public void The_web_hosts_folders_depend_one_way(string folder, string[] notOn) =>
        AssertHolds(Types.InAssembly(Load("Orbitalyntra.Client.Web")).That().ResideInNamespace(folder), types => types.ShouldNot().HaveDependencyOnAny(notOn));

    [Fact]
    public void A_rule_that_is_broken_is_reported()
    {
        // The check itself can fail: the rights grain does depend on the subject grain's contract.
        var result = Types.InAssembly(typeof(SubjectRightsGrain).Assembly).That().HaveName(nameof(SubjectRightsGrain))
            .ShouldNot().HaveDependencyOn(typeof(IDataSubjectGrain).FullName).GetResult();
        Assert.False(result.IsSuccessful);
    }

    private static Assembly Load(string name) => Assembly.Load(name);

    /// <summary>The rule holds for the selected types, and there are some: a rule over no type would hold for nothing.</summary>
    private static void AssertHolds(PredicateList selected, Func<PredicateList, ConditionList> rule)
    {
        Assert.NotEmpty(selected.GetTypes());
        var result = rule(selected).GetResult();
        Assert.True(result.IsSuccessful, "Breaks the rule: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
