import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The benchmark programs' command lines: {@code --name value} options, bare flags and {@code --help}. */
final class CommandLine {

    private CommandLine() {}

    /**
     * Hands each option to {@code option} in order (a flag of {@code flags} with a null value).
     * {@code --help} and a missing value go to {@code usage}, which prints and exits.
     */
    static void parse(
            String[] args, Set<String> flags, BiConsumer<String, String> option, Consumer<String> usage) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                usage.accept(null);
            } else if (flags.contains(name)) {
                option.accept(name, null);
            } else if (i + 1 >= args.length) {
                usage.accept("missing value for " + name);
            } else {
                option.accept(name, args[++i]);
            }
        }
    }
}
