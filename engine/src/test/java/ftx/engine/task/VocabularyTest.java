package ftx.engine.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void syntheticVocabularyHasThePaperOrder() {
        Vocabulary v = Vocabulary.synthetic();
        assertEquals(29, v.size());
        assertEquals("_ABCDEFGHIJKLMNOPQRSTUVWXYZ!>", v.symbols());
        assertEquals(0, v.index('_'));
        assertEquals(1, v.index('A'));
        assertEquals(26, v.index('Z'));
        assertEquals(27, v.index('!'));
        assertEquals(28, v.index('>'));
        for (int i = 0; i < v.size(); i++) {
            assertEquals(i, v.index(v.symbol(i)));
        }
    }

    @Test
    void encodeDecodeRoundTrip() {
        Vocabulary v = Vocabulary.synthetic();
        String text = "Q>__QQQ!QQQQ__!_";
        int[] tokens = v.encode(text);
        assertEquals(text.length(), tokens.length);
        assertArrayEquals(new int[] {17, 28, 0, 0, 17}, java.util.Arrays.copyOf(tokens, 5));
        assertEquals(text, v.decode(tokens));
        assertEquals("", v.decode(v.encode("")));
    }

    @Test
    void encodeReportsEveryUnknownSymbolWithItsFirstPosition() {
        Vocabulary v = Vocabulary.synthetic();
        UnknownSymbolException e = assertThrows(UnknownSymbolException.class, () -> v.encode("AB_#CDEx##x"));
        assertEquals(List.of('#', 'x'), e.symbols());
        assertEquals(List.of(3, 7), e.positions());
        assertEquals("text has symbols outside the vocabulary \"_ABCDEFGHIJKLMNOPQRSTUVWXYZ!>\": '#' at 3, 'x' at 7",
                e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void unknownControlCharactersAreEscapedInMessages() {
        UnknownSymbolException e = assertThrows(UnknownSymbolException.class,
                () -> Vocabulary.synthetic().encode("A\nB\t"));
        assertTrue(e.getMessage().endsWith("'\\n' at 1, '\\t' at 3"), e.getMessage());
        assertEquals(List.of('\n', '\t'), e.symbols());
    }

    @Test
    void indexOfUnknownSymbolThrows() {
        UnknownSymbolException e = assertThrows(UnknownSymbolException.class, () -> Vocabulary.synthetic().index('a'));
        assertEquals(List.of('a'), e.symbols());
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void decodeRejectsOutOfRangeTokensNamingThem() {
        Vocabulary v = Vocabulary.synthetic();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.decode(new int[] {1, 28, 29, 0}));
        assertTrue(e.getMessage().contains("token 29 at position 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.decode(new int[] {-1}));
        assertTrue(e.getMessage().contains("token -1 at position 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v.symbol(29));
    }

    @Test
    void constructionRejectsDuplicatesAndEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Vocabulary("abcb"));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Vocabulary(""));
        assertThrows(IllegalArgumentException.class, () -> new Vocabulary(null));
    }

    @Test
    void equalityFollowsSymbols() {
        assertEquals(new Vocabulary("ab"), new Vocabulary("ab"));
        assertEquals(new Vocabulary("ab").hashCode(), new Vocabulary("ab").hashCode());
        assertNotEquals(new Vocabulary("ab"), new Vocabulary("ba"));
        assertEquals(new Vocabulary(SyntheticTask.SYMBOLS), Vocabulary.synthetic());
    }

    @Test
    void longVocabulariesAreAbbreviatedInMessages() {
        StringBuilder symbols = new StringBuilder();
        for (char c = 0x410; symbols.length() < 200; c++) { // Cyrillic letters, printable
            symbols.append(c);
        }
        UnknownSymbolException e = assertThrows(UnknownSymbolException.class,
                () -> new Vocabulary(symbols.toString()).encode("#"));
        assertTrue(e.getMessage().contains("…"), e.getMessage());
        assertTrue(e.getMessage().length() < 120, e.getMessage());
    }
}
