import DatapakkeCore
import Foundation

/// Text made safe for a terminal. Names, titles and notes come from files anyone can edit; a control
/// character in them could move the cursor, recolour or clear the screen, ring the bell, set the
/// window title or start a fake line, and a bidirectional control could reorder what is shown. Every
/// text report the tool prints (list, figures as a table, check, build, diff, error messages) goes
/// through `escape`, which shows such characters as `\u{1B}`.
public enum TerminalText {
    /// `text` with every control character (C0 including tab and line breaks, DEL, C1), the line and
    /// paragraph separators and the bidirectional controls written as `\u{1B}`, `\u{7}`, `\u{202E}` …;
    /// everything else, Danish letters included, is unchanged.
    public static func escape(_ text: String) -> String {
        visibleText(text)
    }

    /// Every line escaped; a line break inside a line is shown, not followed.
    public static func lines(_ lines: [String]) -> [String] {
        lines.map(escape)
    }
}
