# Logschema.cmake: regenerate a typed C logging API from its catalogue, in CMake.
#
#   include(path/to/cmake/Logschema.cmake)
#   logschema_generate(TARGET app_log
#                      SCHEMA ${CMAKE_CURRENT_SOURCE_DIR}/logging
#                      OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/gen
#                      [PREFIX app]            # read from the catalogue if omitted
#                      [TEMPLATE_TARGET c]     # the template set
#                      [TEMPLATES dir])        # a template set of your own
#   target_link_libraries(app PRIVATE app_log)
#
# TARGET becomes a static library of the generated <prefix>_log.c, with
# OUTPUT_DIR on its public include path and the threads library linked.
# The files are regenerated when a catalogue file or the logschema program
# changes, with the generator's dependency file where the generator
# supports one. Set LOGSCHEMA_EXECUTABLE to choose the program.

cmake_minimum_required(VERSION 3.16)

find_program(LOGSCHEMA_EXECUTABLE logschema)

function(logschema_generate)
  cmake_parse_arguments(LS "" "TARGET;SCHEMA;OUTPUT_DIR;PREFIX;TEMPLATE_TARGET;TEMPLATES" "" ${ARGN})
  foreach(arg TARGET SCHEMA OUTPUT_DIR)
    if(NOT LS_${arg})
      message(FATAL_ERROR "logschema_generate: ${arg} is required")
    endif()
  endforeach()
  if(NOT LOGSCHEMA_EXECUTABLE)
    message(FATAL_ERROR "logschema_generate: logschema not found; set LOGSCHEMA_EXECUTABLE")
  endif()
  if(NOT LS_TEMPLATE_TARGET)
    set(LS_TEMPLATE_TARGET c)
  endif()
  get_filename_component(schema "${LS_SCHEMA}" ABSOLUTE)
  get_filename_component(outdir "${LS_OUTPUT_DIR}" ABSOLUTE)

  if(NOT LS_PREFIX)
    if(CMAKE_VERSION VERSION_LESS 3.19)
      message(FATAL_ERROR "logschema_generate: pass PREFIX (reading it needs CMake 3.19)")
    endif()
    execute_process(
      COMMAND "${LOGSCHEMA_EXECUTABLE}" resolve -s "${schema}" --format json
      OUTPUT_VARIABLE resolved
      RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "logschema_generate: cannot resolve ${schema}")
    endif()
    string(JSON LS_PREFIX GET "${resolved}" prefix)
  endif()

  if(IS_DIRECTORY "${schema}")
    file(GLOB_RECURSE inputs CONFIGURE_DEPENDS "${schema}/*.yaml" "${schema}/*.yml")
  else()
    set(inputs "${schema}")
  endif()

  set(header "${outdir}/${LS_PREFIX}_log.h")
  set(source "${outdir}/${LS_PREFIX}_log.c")
  set(depfile "${outdir}/${LS_PREFIX}_log.d")
  set(command "${LOGSCHEMA_EXECUTABLE}" generate -s "${schema}"
              --target "${LS_TEMPLATE_TARGET}" -o "${outdir}")
  if(LS_TEMPLATES)
    get_filename_component(templates "${LS_TEMPLATES}" ABSOLUTE)
    list(APPEND command --templates "${templates}")
    file(GLOB_RECURSE template_files CONFIGURE_DEPENDS "${templates}/*.mustache")
    list(APPEND inputs ${template_files})
  endif()

  set(depfile_args)
  if(CMAKE_GENERATOR MATCHES "Ninja" OR CMAKE_VERSION VERSION_GREATER_EQUAL 3.20)
    list(APPEND command --depfile "${depfile}")
    set(depfile_args DEPFILE "${depfile}")
  endif()

  add_custom_command(
    OUTPUT "${header}" "${source}"
    COMMAND ${command}
    DEPENDS ${inputs} "${LOGSCHEMA_EXECUTABLE}"
    ${depfile_args}
    COMMENT "Generating ${LS_PREFIX}_log.h and ${LS_PREFIX}_log.c from ${LS_SCHEMA}"
    VERBATIM)

  find_package(Threads REQUIRED)
  add_library(${LS_TARGET} STATIC "${source}" "${header}")
  target_include_directories(${LS_TARGET} PUBLIC "${outdir}")
  target_link_libraries(${LS_TARGET} PUBLIC Threads::Threads)
  set_target_properties(${LS_TARGET} PROPERTIES
    C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
endfunction()
