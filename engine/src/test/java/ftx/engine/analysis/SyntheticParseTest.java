package ftx.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.task.Sample;
import ftx.engine.task.SyntheticFactors;
import ftx.engine.task.SyntheticTask;
import ftx.engine.util.Rng;
import org.junit.jupiter.api.Test;

/** The evaluator's reading of hand-made synthetic sequences (SPEC section 4, issue 6's well-formedness rule). */
class SyntheticParseTest {
    /** Prompt c> and a body of 64: '_' everywhere, c at start..start+length-1, then '!' at the noise positions. */
    static String seq(char c, int start, int length, int... noise) {
        char[] body = "_".repeat(64).toCharArray();
        for (int p = start; p < start + length; p++) {
            body[p] = c;
        }
        for (int p : noise) {
            body[p] = '!';
        }
        return c + ">" + new String(body);
    }

    /** Prompt c> and the given body start, padded with '_' to 64. */
    static String padded(char c, String bodyStart) {
        return c + ">" + bodyStart + "_".repeat(64 - bodyStart.length());
    }

    private static void malformed(String text, String reasonPart) {
        SyntheticParse p = SyntheticParse.of(text);
        assertFalse(p.wellFormed(), text);
        assertEquals(-1, p.start());
        assertEquals(0, p.startChoices());
        assertTrue(p.reason().contains(reasonPart), "reason \"" + p.reason() + "\" should mention \"" + reasonPart + "\"");
    }

    @Test
    void aCleanBlockGivesItsStartAndNoNoise() {
        SyntheticParse p = SyntheticParse.of(seq('C', 17, 8));
        assertTrue(p.wellFormed(), p.reason());
        assertEquals(17, p.start());
        assertEquals(1, p.startChoices());
        assertArrayEquals(new int[0], p.noise());
        assertEquals("", p.reason());
    }

    @Test
    void blocksAtTheFirstAndLastPossibleStart() {
        assertEquals(0, SyntheticParse.of(seq('A', 0, 8)).start());
        assertEquals(56, SyntheticParse.of(seq('Z', 56, 8)).start());
        assertEquals(0, SyntheticParse.of(seq('A', 0, 8, 0, 63)).start(), "noise on the first letter, start stays 0");
        assertEquals(56, SyntheticParse.of(seq('Z', 56, 8, 63)).start(), "noise on the last letter, start stays 56");
    }

    @Test
    void noiseInsideTheBlockAndOutsideIsListedAndKeepsItWellFormed() {
        SyntheticParse p = SyntheticParse.of(seq('K', 20, 8, 3, 22, 25, 60));
        assertTrue(p.wellFormed(), p.reason());
        assertEquals(20, p.start());
        assertEquals(1, p.startChoices());
        assertArrayEquals(new int[] {3, 22, 25, 60}, p.noise());
    }

    @Test
    void noiseAtTheBlockEndsIsResolvedByTheOnlyConsistentWindow() {
        // first letter noised, '_' after the block: the window must start at the '!'
        SyntheticParse first = SyntheticParse.of(seq('B', 10, 8, 10));
        assertTrue(first.wellFormed(), first.reason());
        assertEquals(10, first.start());
        assertEquals(1, first.startChoices());
        // last letter noised: the window ends at the '!'
        SyntheticParse last = SyntheticParse.of(seq('B', 10, 8, 17));
        assertEquals(10, last.start());
        assertEquals(1, last.startChoices());
        // first two letters noised and a noise just before: letters 12..17; windows 10 and 11 are blocked by '_' at 18
        SyntheticParse before = SyntheticParse.of(seq('B', 10, 8, 9, 10, 11));
        assertTrue(before.wellFormed(), before.reason());
        assertEquals(10, before.start());
        assertEquals(1, before.startChoices());
    }

    @Test
    void whenTwoWindowsAreConsistentTheEarliestIsReportedAndTheChoiceCounted() {
        // letters at 11..17 with '!' at 10 and 18: windows 10..17 and 11..18 both hold only B and '!'
        SyntheticParse p = SyntheticParse.of(seq('B', 11, 7, 10, 18));
        assertTrue(p.wellFormed(), p.reason());
        assertEquals(10, p.start());
        assertEquals(2, p.startChoices());
        assertArrayEquals(new int[] {10, 18}, p.noise());
        // four consistent windows: letters 12..16 (5), '!' at 9..11 and 17..19, each window 8 wide
        SyntheticParse three = SyntheticParse.of(seq('B', 12, 5, 9, 10, 11, 17, 18, 19));
        assertTrue(three.wellFormed());
        assertEquals(9, three.start());
        assertEquals(4, three.startChoices(), "starts 9, 10, 11, 12 all hold 12..16 and only B/'!'");
    }

    @Test
    void aWrongLetterInTheBodyIsMalformed() {
        malformed(seq('C', 5, 8).replace(">_____CCCCCCCC", ">_____DDDDDDDD"), "'D'");
        malformed(padded('C', "___CCCCDCCC"), "'D'");
        malformed(seq('C', 30, 8).substring(0, 62) + "A___", "body position 60 holds 'A'");
    }

    @Test
    void twoBlocksAreMalformed() {
        String text = seq('E', 3, 8);
        char[] chars = text.toCharArray();
        for (int p = 40; p < 48; p++) {
            chars[2 + p] = 'E';
        }
        malformed(new String(chars), "two blocks");
    }

    @Test
    void blocksOfSevenOrNineAreMalformed() {
        malformed(seq('F', 20, 7), "too short");
        malformed(seq('F', 0, 7), "too short");
        malformed(seq('F', 57, 7), "started too late");
        malformed(seq('F', 20, 9), "longer than 8");
        malformed(seq('F', 55, 9), "longer than 8");
        // seven letters and a '!' completing the block is well formed, but not with '_' there
        assertTrue(SyntheticParse.of(seq('F', 20, 7, 27)).wellFormed());
    }

    @Test
    void scatteredLettersAndGapsAreMalformed() {
        malformed(padded('G', "G___G_______G"), "scattered");
        malformed(padded('G', "__GGG_GGGG"), "'_' at body position 5");
        SyntheticParse ends = SyntheticParse.of(padded('G', "G!!!!!!G"));
        assertTrue(ends.wellFormed(), "two letters 8 apart with noise between are one noisy block");
        assertEquals(0, ends.start());
    }

    @Test
    void anEmptyBodyOrOneOfOnlyNoiseHasNoBlock() {
        malformed("H>" + "_".repeat(64), "no 'H'");
        SyntheticParse onlyNoise = SyntheticParse.of(padded('H', "!!!!!!!!"));
        assertFalse(onlyNoise.wellFormed());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, onlyNoise.noise(), "noise is listed even when malformed");
    }

    @Test
    void wrongLengthsAndBadPromptsAreMalformed() {
        malformed(seq('J', 5, 8).substring(0, 65), "65 symbols, expected 66");
        malformed(seq('J', 5, 8) + "_", "67 symbols");
        malformed("J>", "2 symbols");
        malformed("_" + seq('J', 5, 8).substring(1), "not a letter");
        malformed("JJ" + seq('J', 5, 8).substring(2), "not '>'");
    }

    @Test
    void aPromptEndInTheBodyIsMalformed() {
        malformed(seq('K', 5, 8).substring(0, 40) + ">" + seq('K', 5, 8).substring(41), "'>'");
        malformed(padded('K', "KKKK>KKK"), "body position 4");
    }

    @Test
    void tokensOutsideTheVocabularyAreMalformedNotAnError() {
        int[] tokens = new int[66];
        tokens[0] = SyntheticTask.letterToken('L');
        tokens[1] = SyntheticTask.PROMPT_END;
        tokens[10] = 99;
        SyntheticParse p = SyntheticParse.of(tokens);
        assertFalse(p.wellFormed());
        assertTrue(p.reason().contains("token 99"), p.reason());
    }

    @Test
    void everySampleOfTheTaskIsReadBackToItsFactors() {
        SyntheticTask task = new SyntheticTask();
        Rng rng = new Rng(3);
        int ambiguous = 0;
        for (int i = 0; i < 2000; i++) {
            Sample s = task.sample(rng);
            SyntheticFactors f = SyntheticFactors.of(s);
            SyntheticParse p = SyntheticParse.of(s.tokens());
            int letters = 0;
            for (int q = 0; q < 8; q++) {
                letters += f.isNoise(f.start() + q) ? 0 : 1;
            }
            if (letters == 0) {
                continue; // a block entirely hit by noise cannot be located (probability 16^-8)
            }
            assertTrue(p.wellFormed(), s + ": " + p.reason());
            assertArrayEquals(f.noise(), p.noise());
            if (p.startChoices() == 1) {
                assertEquals(f.start(), p.start(), s.toString());
            } else {
                ambiguous++;
                assertTrue(f.start() >= p.start() && f.start() < p.start() + p.startChoices(), s.toString());
            }
        }
        assertTrue(ambiguous < 60, "ambiguous starts are rare (about 1%), got " + ambiguous);
    }

    @Test
    void everyMalformedSequenceNamesItsKindOfFlaw() {
        assertEquals(SyntheticParse.Flaw.NONE, SyntheticParse.of(seq('C', 5, 8)).flaw());
        assertEquals(SyntheticParse.Flaw.NO_BLOCK, SyntheticParse.of("H>" + "_".repeat(64)).flaw());
        assertEquals(SyntheticParse.Flaw.CUT_OFF, SyntheticParse.of(seq('F', 57, 7)).flaw(), "starts at 57: cannot fit");
        assertEquals(SyntheticParse.Flaw.CUT_OFF, SyntheticParse.of(seq('F', 63, 1)).flaw());
        assertEquals(SyntheticParse.Flaw.TOO_SHORT, SyntheticParse.of(seq('F', 20, 7)).flaw());
        assertEquals(SyntheticParse.Flaw.SPAN, SyntheticParse.of(seq('F', 20, 9)).flaw());
        assertEquals(SyntheticParse.Flaw.GAP, SyntheticParse.of(padded('G', "__GGG_GGGG")).flaw());
        assertEquals(SyntheticParse.Flaw.FOREIGN_SYMBOL, SyntheticParse.of(padded('C', "___CCCCDCCC")).flaw());
        assertEquals(SyntheticParse.Flaw.PROMPT, SyntheticParse.of("JJ" + seq('J', 5, 8).substring(2)).flaw());
        assertEquals(SyntheticParse.Flaw.LENGTH, SyntheticParse.of("J>").flaw());
    }
}
