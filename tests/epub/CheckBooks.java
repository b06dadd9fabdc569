// epubcheck checks one book per run, and starting Java costs more than a
// check: this runs it on several books in one Java process.
// Usage: java -cp epubcheck.jar CheckBooks.java BOOK REPORT.json [BOOK REPORT.json]...
import com.adobe.epubcheck.tool.EpubChecker;

public class CheckBooks {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            new EpubChecker().run(new String[] {args[i], "--json", args[i + 1]});
        }
    }
}
