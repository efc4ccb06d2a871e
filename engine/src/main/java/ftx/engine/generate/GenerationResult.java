package ftx.engine.generate;

/**
 * Generated sequences.
 *
 * @param tokens       per sequence: the prompt followed by the new symbols
 * @param z            per sequence: the Z index used at every input position (all but the last
 *                     symbol); empty rows for the baseline
 * @param promptLength symbols of prompt at the start of every row
 */
public record GenerationResult(int[][] tokens, int[][] z, int promptLength) {
}
