package ftx.engine.generate;

/** Receives each generated symbol as soon as it is drawn (streaming). */
@FunctionalInterface
public interface TokenListener {
    void onToken(int sequence, int position, int token);

    TokenListener NONE = (s, p, t) -> { };
}
