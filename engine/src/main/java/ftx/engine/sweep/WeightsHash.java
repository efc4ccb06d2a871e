package ftx.engine.sweep;

import ftx.engine.model.Parameters;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SHA-256 of a model's weights: every tensor, in name order, as its name, shape and float32
 * values. Two runs that trained bit-identical weights have the same hash, whatever wrote their
 * files (timing fields and save ids are not weights).
 */
public final class WeightsHash {
    private WeightsHash() {
    }

    public static String of(Parameters p) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String name : new TreeSet<>(p.names())) {
            INDArray a = p.get(name);
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            ByteBuffer shape = ByteBuffer.allocate(8 * a.rank()).order(ByteOrder.LITTLE_ENDIAN);
            for (long d : a.shape()) {
                shape.putLong(d);
            }
            sha.update(shape.array());
            float[] values = a.dup('c').data().asFloat();
            ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().put(values);
            sha.update(data.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
