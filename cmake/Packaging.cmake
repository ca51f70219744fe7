# The Debian package (scripts/package.sh): the program, its .desktop file and
# icon, a man page generated from --help, and bash completion. CPack's DEB
# generator asks dpkg-shlibdeps for the libraries the binary links, so Depends
# follows what was really linked; what is loaded as a plug-in is added by hand.

find_program(HELP2MAN_EXECUTABLE help2man)
if(HELP2MAN_EXECUTABLE)
    # help2man runs `socketscope --help` and `--version`, which need no display.
    set(socketscope_man ${CMAKE_CURRENT_BINARY_DIR}/socketscope.1)
    add_custom_command(OUTPUT ${socketscope_man}
        COMMAND ${HELP2MAN_EXECUTABLE} --no-info --section=1
                --name=${PROJECT_DESCRIPTION} --output=${socketscope_man}
                $<TARGET_FILE:socketscope>
        DEPENDS socketscope
        COMMENT "Generating the socketscope(1) man page from --help")
    add_custom_target(socketscope_manpage ALL DEPENDS ${socketscope_man})
    install(FILES ${socketscope_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

install(FILES ${PROJECT_SOURCE_DIR}/resources/socketscope.bash-completion
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME socketscope)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME socketscope)
set(CPACK_PACKAGE_VENDOR "SocketScope")
set(CPACK_PACKAGE_CONTACT "SocketScope developers <socketscope@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "SocketScope opens TCP servers, TCP clients and UDP sockets, speaks the classic
socket tutorials' protocols, records every byte and state change, and shows
them live: a traffic log, connections, a chat view, a hex view and a send panel.
The same engine runs headless from the command line for scripts and CI.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
# Plug-ins Qt loads at run time, invisible to dpkg-shlibdeps: the SVG icon engine.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-wqy-microhei, qt6-translations-l10n")
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR})
include(CPack)
