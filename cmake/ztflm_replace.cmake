# Puts a freshly built library into a folder by renaming, never by rewriting the file in place:
# a process that has the old one loaded keeps its copy instead of crashing on a file changed
# under it.  cmake -DSRC=<built library> -DDEST=<folder> -P ztflm_replace.cmake
get_filename_component(name ${SRC} NAME)
string(RANDOM LENGTH 8 tag)
file(COPY_FILE ${SRC} ${DEST}/${name}.${tag}.tmp)
file(RENAME ${DEST}/${name}.${tag}.tmp ${DEST}/${name})
