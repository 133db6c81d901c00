import Testing
import VoxPopFoundation

/// CSV cells as the publication files and the console's invite downloads write them: quoted when
/// they hold a separator, and never read by a spreadsheet as a formula.
@Suite struct CSVTextTests {
    @Test func cellsAreQuotedOnlyWhenTheyMustBe() {
        #expect(CSVText.cell("7KQ2M-ABCDE") == "7KQ2M-ABCDE")
        #expect(CSVText.cell("http://127.0.0.1/c/x?invite=A") == "http://127.0.0.1/c/x?invite=A")
        #expect(CSVText.cell("Oslo, Norway") == #""Oslo, Norway""#)
        #expect(CSVText.cell(#"the "best" city"#) == #""the ""best"" city""#)
        #expect(CSVText.cell("two\nlines") == "\"two\nlines\"")
    }

    /// Excel in Swedish, Danish, Norwegian or German settings splits a line at `;` whatever the
    /// quotes say (and a pasted one at tabs): in `1,"x;=1+1;",yes` the `=1+1` is a cell of its
    /// own there. So each part after a `;` or a tab is guarded as a cell's start is.
    @Test func aPartAfterASemicolonOrTabCannotRunAsAFormula() {
        #expect(CSVText.cell("x;=1+1;") == #""x;'=1+1;""#)
        #expect(CSVText.cell("Lisboa;=HYPERLINK(A1)") == #""Lisboa;'=HYPERLINK(A1)""#)
        #expect(CSVText.cell("1;@SUM(9)") == #""1;'@SUM(9)""#)
        #expect(CSVText.cell(";-1+1") == #"";'-1+1""#)
        #expect(CSVText.cell("a\t=1+1") == "\"a\t'=1+1\"")
        #expect(CSVText.cell("\t=1") == "\"'\t'=1\"")
        #expect(CSVText.cell("\t-1+1") == "\"'\t'-1+1\"", "what follows a leading tab is a part of its own")
        #expect(CSVText.cell("Paris; Texas") == #""Paris; Texas""#, "plain text after a ; stays as it is")
        #expect(CSVText.cell("x;-3") == #""x;-3""#, "a plain number after a ; stays a number")
        #expect(CSVText.cell("-3;x") == #""'-3;x""#, "the cell's own start as before")
    }

    @Test func formulasAreDefusedButNumbersStayNumbers() {
        #expect(CSVText.cell("=HYPERLINK(\"http://evil\")") == #""'=HYPERLINK(""http://evil"")""#)
        #expect(CSVText.cell("+1+1") == "'+1+1")
        #expect(CSVText.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVText.cell("\tcmd") == "\"'\tcmd\"")
        #expect(CSVText.cell("-3") == "-3")
        // A combining mark after `=` does not hide it: the check reads scalars.
        #expect(CSVText.cell("=\u{301}1") == "'=\u{301}1")
    }

    /// Only a plain decimal number escapes the guard: Swift's `Double(_:)` also reads `-inf`,
    /// `-nan(A1)` and hex floats, which a spreadsheet does not take for numbers (it shows
    /// `#NAME?`, or runs them), and a write-in may be any of them.
    @Test func onlyPlainDecimalNumbersGoUnguarded() {
        for number in ["-3", "+4", "-0.5", "-1e5", "+2.5E-3", "-0"] {
            #expect(CSVText.cell(number) == number)
        }
        for text in [
            "-inf", "+Inf", "-infinity", "+NaN", "-nan(A1)", "+nan(0x1)", "-0x1.8p1", "-", "+.5", "-1.", "-1e", "-1 ",
        ] {
            #expect(CSVText.cell(text) == "'" + text, "\(text)")
        }
    }

    @Test func rowsEndInCRLF() {
        #expect(CSVText.rows([["code", "link"], ["A", "b,c"]]) == "code,link\r\nA,\"b,c\"\r\n")
    }
}
