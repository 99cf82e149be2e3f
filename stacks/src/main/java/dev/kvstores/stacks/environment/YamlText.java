package dev.kvstores.stacks.environment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * An environment file's text and its syntax problems, as a newcomer can act on them: the line and column (1-based,
 * one position per problem), what is wrong in words and the fix; no parser class names.
 */
public final class YamlText {

    private YamlText() {
    }

    /**
     * The file's text decoded as UTF-8 (a byte-order mark is dropped); {@code null} after a problem naming the
     * line and column of the first byte that is not UTF-8.
     */
    public static String decode(String file, byte[] bytes, List<String> problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            out.flip();
            String before = out.toString();
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = before.length() - (before.lastIndexOf('\n') + 1) + 1;
            problems.add(file + ": line " + line + ", column " + column + ": the byte 0x"
                    + String.format("%02X", bytes[offset] & 0xff) + " is not UTF-8 (environment files are UTF-8;"
                    + " this one was probably saved as Latin-1 or Windows-1252); save it as UTF-8, e.g. iconv -f"
                    + " latin1 -t utf-8 " + file + " > converted.yaml, or retype the character");
            return null;
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                String before = text.substring(0, i);
                int line = (int) before.chars().filter(ch -> ch == '\n').count() + 1;
                int column = before.length() - (before.lastIndexOf('\n') + 1) + 1;
                problems.add(file + ": line " + line + ", column " + column + ": the control character "
                        + String.format("U+%04X", (int) c) + " (YAML files hold printable text only); delete it, or"
                        + " write it as an escape inside double quotes if a value really holds it");
                return null;
            }
        }
        return text;
    }

    /** A whole number written with a leading zero, which YAML 1.1 reads as octal ({@code 010} is 8). */
    private static final Pattern OCTAL = Pattern.compile("[-+]?0[0-7_]+");
    /** The YAML floats that are not numbers a field can hold ({@code .inf}, {@code .nan}). */
    private static final Pattern NOT_A_NUMBER = Pattern.compile("[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)");

    /**
     * What the parser would read differently from what the file says, found by walking the tokens of {@code text}
     * before it is read: a number with a leading zero (YAML 1.1 octal, so {@code retentionDays: 010} would be 8),
     * {@code .inf} / {@code .nan}, and a second YAML document after {@code ---} (which would be ignored). Each
     * problem names the field and the value as written.
     *
     * @return false when the file cannot be read at all ({@code .inf}, a second document); syntax errors are thrown
     */
    public static boolean scan(String file, String text, JsonFactory factory, List<String> problems)
            throws IOException {
        boolean readable = true;
        boolean seenRoot = false;
        boolean seenEmpty = false;
        try (JsonParser parser = factory.createParser(text)) {
            while (true) {
                JsonToken token;
                try {
                    token = parser.nextToken();
                } catch (StreamConstraintsException e) {
                    problems.add(file + ": line " + parser.currentLocation().getLineNr() + ": lists or mappings are"
                            + " nested more than 1000 levels deep here; an environment file is a few levels deep:"
                            + " check the brackets [ ] and { }");
                    return false;
                }
                if (token == null) {
                    break;
                }
                JsonStreamContext context = parser.getParsingContext();
                boolean rootValue = token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY
                        && (token.isStructStart() ? context.getParent() != null && context.getParent().inRoot()
                        : context.inRoot());
                boolean empty = token == JsonToken.VALUE_NULL
                        || token == JsonToken.VALUE_STRING && parser.getText().isEmpty(); // an empty document
                if (rootValue && empty && !seenRoot) {
                    seenEmpty = true;
                }
                if (rootValue && !empty && seenEmpty) {
                    problems.add(file + ": line " + parser.currentTokenLocation().getLineNr() + ": an empty YAML"
                            + " document comes before this one (two '---' lines), and only the first document would be"
                            + " read: remove the extra '---' line");
                    return false;
                }
                if (rootValue && !empty) {
                    if (seenRoot) {
                        problems.add(file + ": line " + parser.currentTokenLocation().getLineNr() + ": a second YAML"
                                + " document starts here (after a '---' line), and it would be ignored: an"
                                + " environment file is one document; remove the '---' line and merge the two parts,"
                                + " or move the second part to a file of its own");
                        return false;
                    }
                    seenRoot = true;
                }
                if (token == JsonToken.VALUE_NUMBER_INT && OCTAL.matcher(parser.getText()).matches()) {
                    String written = parser.getText();
                    String decimal = written.replaceFirst("^([-+]?)0+(?=.)", "$1").replace("_", "");
                    problems.add(file + ": " + fieldPath(context) + ": is written " + written + ", which YAML reads"
                            + " as the octal number " + parser.getBigIntegerValue() + "; write the number without"
                            + " the leading zero, e.g. " + decimal);
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT && NOT_A_NUMBER.matcher(parser.getText()).matches()) {
                    boolean nan = parser.getText().toLowerCase(Locale.ROOT).contains("nan");
                    problems.add(file + ": " + fieldPath(context) + ": is " + parser.getText() + ", which YAML reads"
                            + " as " + (nan ? "'not a number'" : "infinity")
                            + "; no field takes it: write a whole number (or quote the text if the field takes"
                            + " text)");
                    readable = false;
                }
            }
        }
        return readable;
    }

    /** A syntax problem: a key written twice names its field; other problems their one line and column. */
    public static String problem(String file, JsonProcessingException e) {
        if (e.getOriginalMessage().startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
            String where = where(parser.currentTokenLocation()); // the key's own position
            return file + ": " + fieldPath(parser.getParsingContext()) + ": is written twice" + where
                    + "; only one value would count; keep one '" + parser.getParsingContext().getCurrentName()
                    + "' in this mapping";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark mark = marked.getProblemMark();
                String at = "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
                String problem = marked.getProblem() == null ? "" : marked.getProblem();
                if (problem.contains("\\t(TAB)") || problem.contains("\t")) {
                    return file + ": " + at + ": a tab character; YAML indents with spaces only: replace the tab"
                            + " with spaces (two per level, as in the shipped files)";
                }
                String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
                return file + ": " + at + ": not valid YAML: " + problem + context + "; check the indentation"
                        + " (spaces, two per level) and quote a value that contains ': ' or ' #' or starts with"
                        + " one of { } [ ] , & * ! | > ' \" % @ `";
            }
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Document nesting depth")) {
            return file + where(e.getLocation()) + ": lists or mappings are nested more than 1000 levels deep here;"
                    + " an environment file is a few levels deep: check the brackets [ ] and { }";
        }
        if (message.startsWith("Expected a field name")) {
            return file + where(e.getLocation()) + ": a key is a list or a mapping ('? [a, b]: ...'); keys are"
                    + " field names: write the field name, e.g. platform:";
        }
        return file + ": not valid YAML: " + message + where(e.getLocation());
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The field path as messages write it, e.g. {@code cache.nodes} or {@code relaxations[0].reason}. */
    private static String fieldPath(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            path.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]"
                    : (c.getParent() != null && c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
        }
        return path.toString();
    }
}
