package ftx.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.engine.io.CheckpointFormatException;
import ftx.engine.io.Safetensors;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The files of one save of a checkpoint, opened together. Each file is taken from the commit
 * folder of a save in progress while it is there ({@link StagedSave}), else from the folder; an
 * open file keeps its contents even when a later save renames a new one over it. The files of one
 * save carry the same {@value #SAVE_ID}; if they do not agree (a save finished between two opens),
 * all are opened again.
 */
final class CheckpointSnapshot implements Closeable {
    static final String SAVE_ID = "save_id";
    private static final int ATTEMPTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path configFile;
    final JsonNode config;
    final Path weightsFile;
    final FileChannel weights;
    final Path optimizerFile;
    final FileChannel optimizer;
    final Path stateFile;
    final JsonNode state;
    private final List<FileChannel> open = new ArrayList<>();

    private CheckpointSnapshot(Path dir) throws IOException, CheckpointFormatException {
        List<String> inCommit = StagedSave.manifest(dir.resolve(StagedSave.COMMIT));
        try {
            configFile = locate(dir, inCommit, CheckpointStore.CONFIG);
            if (configFile == null) {
                throw new CheckpointFormatException(dir.resolve(CheckpointStore.CONFIG),
                        "missing: a checkpoint folder needs " + CheckpointStore.CONFIG + " and " + CheckpointStore.WEIGHTS);
            }
            config = json(configFile);
            weightsFile = locate(dir, inCommit, CheckpointStore.WEIGHTS);
            if (weightsFile == null) {
                throw new CheckpointFormatException(dir.resolve(CheckpointStore.WEIGHTS), "missing weights file");
            }
            weights = channel(weightsFile);
            optimizerFile = locate(dir, inCommit, CheckpointStore.OPTIMIZER);
            stateFile = locate(dir, inCommit, CheckpointStore.TRAINER_STATE);
            boolean resumable = optimizerFile != null && stateFile != null;
            optimizer = resumable ? channel(optimizerFile) : null;
            state = resumable ? json(stateFile) : null;
        } catch (IOException | CheckpointFormatException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens the files of one save of the checkpoint in dir (waiting up to 2 s for a writer mid-save). */
    static CheckpointSnapshot open(Path dir) throws IOException, CheckpointFormatException {
        for (int attempt = 1; ; attempt++) {
            CheckpointSnapshot s;
            try {
                s = new CheckpointSnapshot(dir);
            } catch (NoSuchFileException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                pause();
                continue; // a writer moved it between the look and the open
            }
            if (s.oneSave()) {
                return s;
            }
            s.close();
            boolean writing = FolderLock.isHeld(dir) || Files.isDirectory(dir.resolve(StagedSave.COMMIT));
            if (attempt == ATTEMPTS || !writing) {
                throw new CheckpointFormatException(dir, writing ? "its files belong to different saves and a run is"
                        + " writing it; try again when it has finished" : "its files belong to different saves (save_id"
                        + " differs between config.json, model.safetensors and the optimizer files): were files copied in"
                        + " from another checkpoint?");
            }
            pause();
        }
    }

    /**
     * True if the files that name their save name the same one; a file without a name (written by
     * another program, or by hand) is not compared.
     */
    private boolean oneSave() throws IOException, CheckpointFormatException {
        List<String> ids = new ArrayList<>();
        ids.add(text(config.get(SAVE_ID)));
        ids.add(Safetensors.readMetadata(weightsFile, weights).get(SAVE_ID));
        if (optimizer != null) {
            ids.add(Safetensors.readMetadata(optimizerFile, optimizer).get(SAVE_ID));
            ids.add(text(state.get(SAVE_ID)));
        }
        return ids.stream().filter(Objects::nonNull).distinct().count() <= 1;
    }

    private static String text(JsonNode n) {
        return n == null || !n.isTextual() ? null : n.asText();
    }

    /** Where file name of this save is: the commit folder while it holds it, else the folder; null if absent. */
    private static Path locate(Path dir, List<String> inCommit, String name) {
        if (inCommit != null) {
            if (!inCommit.contains(name)) {
                return null;
            }
            Path staged = dir.resolve(StagedSave.COMMIT).resolve(name);
            if (Files.exists(staged)) {
                return staged;
            }
        }
        Path file = dir.resolve(name);
        return Files.isRegularFile(file) ? file : null;
    }

    private FileChannel channel(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        open.add(ch);
        return ch;
    }

    private JsonNode json(Path file) throws IOException, CheckpointFormatException {
        FileChannel ch = channel(file);
        try {
            JsonNode n = JSON.readTree(Channels.newInputStream(ch));
            if (n == null || !n.isObject()) {
                throw new CheckpointFormatException(file, "must be a JSON object, found "
                        + (n == null || n.isMissingNode() ? "nothing" : n.getNodeType().toString().toLowerCase()));
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CheckpointFormatException(file, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(40);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a checkpoint being written", e);
        }
    }

    @Override
    public void close() {
        for (FileChannel ch : open) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // read-only channels: nothing to lose
            }
        }
        open.clear();
    }
}
