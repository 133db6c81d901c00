import Testing
import VoxPopCounting

@Suite struct CountingMethodTests {
    /// These names are the contract with campaign files and scripts: renaming one breaks them.
    @Test func namesAreThoseOfTheSpec() {
        #expect(
            CountingMethod.allCases.map(\.rawValue) == [
                "plurality", "approval", "borda", "score", "cumulative", "irv", "stv", "schulze", "ranked-pairs",
                "copeland",
            ])
    }

    @Test func aliasesPointAtRealMethodsAndShadowNone() {
        for alias in CountingMethod.aliases.keys {
            #expect(CountingMethod(rawValue: alias) == nil, "\(alias) is a real name, not an alias")
        }
    }
}
