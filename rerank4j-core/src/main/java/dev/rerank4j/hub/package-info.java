/**
 * Hugging Face hub access: downloads model files and model folders and keeps them in the cache that Python's
 * huggingface_hub uses, so a model fetched by either language is found by the other; uploads a model folder.
 *
 * <p>Main types: {@link dev.rerank4j.hub.HubClient} ({@code file}, {@code optionalFile}, {@code snapshot}, {@code
 * modelSnapshot}), {@link dev.rerank4j.hub.HubOptions} (endpoint, cache, token, offline switch; read from {@code
 * HF_ENDPOINT}, {@code HF_HOME}, {@code HF_HUB_CACHE}, {@code HF_TOKEN}, {@code HF_HUB_OFFLINE} like
 * huggingface_hub), {@link dev.rerank4j.hub.HubException} (typed failures with actionable messages), {@link
 * dev.rerank4j.hub.DownloadListener} and {@link dev.rerank4j.hub.DownloadListener#reportingTo} (progress, to a {@link dev.rerank4j.ProgressListener}).
 *
 * <p>Protocol, as in huggingface_hub's {@code hf_hub_download} and {@code snapshot_download}: a file is {@code
 * {endpoint}/{org}/{name}/resolve/{revision}/{path}}; a HEAD gives the commit ({@code X-Repo-Commit}), the blob name
 * ({@code X-Linked-Etag}, else {@code ETag}) and the size; LFS files redirect to a CDN, which gets no token. A
 * revision is listed with {@code GET {endpoint}/api/models/{org}/{name}/revision/{revision}} ({@code sha}, {@code
 * siblings[].rfilename}).
 *
 * <p>Cache layout under {@code $HF_HUB_CACHE} (default {@code ~/.cache/huggingface/hub}):
 *
 * <pre>
 * models--{org}--{name}/
 *   blobs/{etag}                  whole files only; downloads land in blobs/{etag}.*.incomplete first
 *   snapshots/{commit}/{path}     relative symlinks to ../../blobs/{etag} (copies where symlinks are unsupported)
 *   refs/{revision}               the commit a branch or tag resolved to
 *   .no_exist/{commit}/{path}     markers for files known not to exist
 * </pre>
 *
 * Offline ({@code HF_HUB_OFFLINE=1}) nothing opens a connection: revisions resolve through {@code refs/} and files
 * come from {@code snapshots/}.
 *
 * <p>Uploads: {@link dev.rerank4j.hub.HubUploader} pushes a folder ({@link dev.rerank4j.hub.UploadRequest}) in one
 * commit, as huggingface_hub's {@code create_repo(exist_ok=True)} and {@code upload_folder}: {@code POST
 * /api/repos/create}, {@code POST /api/models/{repo}/preupload/{revision}} (which files go to LFS, which are
 * unchanged), the git LFS batch API with basic transfer (a PUT per object to the storage URL it names, no token
 * there), then {@code POST /api/models/{repo}/commit/{revision}} with NDJSON lines ({@code header}, {@code file},
 * {@code lfsFile}). Nothing is committed unless every upload succeeded.
 *
 * <p>{@link dev.rerank4j.hub.ModelLocator} turns a {@code --model} argument into a directory: an existing directory,
 * the offline {@code sentence-transformers/all-MiniLM-L6-v2} that {@link dev.rerank4j.hub.BundledMiniLm} builds from
 * the ONNX file of a Maven artifact (initializers read from the protobuf wire format, anonymous MatMul weights named
 * by their consuming node and transposed), or a hub download.
 */
package dev.rerank4j.hub;
