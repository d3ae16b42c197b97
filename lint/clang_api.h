/* clang_api.h: libclang, loaded with dlopen the first time lint needs it. */
#ifndef LINT_CLANG_API_H
#define LINT_CLANG_API_H

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>

/*
 * Only `lint` needs libclang, and mapping LLVM costs every other verb tens
 * of milliseconds and megabytes; so the linter calls libclang through this
 * table, filled on first use. A missing library is a fatal error (exit 2)
 * naming the file and the package to install.
 */
#define CLANG_API_FUNCTIONS(X) \
	X(clang_CompilationDatabase_dispose) \
	X(clang_CompilationDatabase_fromDirectory) \
	X(clang_CompilationDatabase_getAllCompileCommands) \
	X(clang_CompilationDatabase_getCompileCommands) \
	X(clang_CompileCommand_getArg) \
	X(clang_CompileCommand_getDirectory) \
	X(clang_CompileCommand_getFilename) \
	X(clang_CompileCommand_getNumArgs) \
	X(clang_CompileCommands_dispose) \
	X(clang_CompileCommands_getCommand) \
	X(clang_CompileCommands_getSize) \
	X(clang_Cursor_Evaluate) \
	X(clang_Cursor_isNull) \
	X(clang_EvalResult_dispose) \
	X(clang_EvalResult_getAsStr) \
	X(clang_EvalResult_getKind) \
	X(clang_File_isEqual) \
	X(clang_Location_isFromMainFile) \
	X(clang_Type_getSizeOf) \
	X(clang_createIndex) \
	X(clang_disposeDiagnostic) \
	X(clang_disposeIndex) \
	X(clang_disposeSourceRangeList) \
	X(clang_disposeString) \
	X(clang_disposeTranslationUnit) \
	X(clang_getArrayElementType) \
	X(clang_getCString) \
	X(clang_getCanonicalType) \
	X(clang_getCursorExtent) \
	X(clang_getCursorKind) \
	X(clang_getCursorLocation) \
	X(clang_getCursorSpelling) \
	X(clang_getCursorType) \
	X(clang_getDiagnostic) \
	X(clang_getDiagnosticLocation) \
	X(clang_getDiagnosticOption) \
	X(clang_getDiagnosticSeverity) \
	X(clang_getDiagnosticSpelling) \
	X(clang_getFile) \
	X(clang_getFileContents) \
	X(clang_getFileLocation) \
	X(clang_getFileName) \
	X(clang_getNullCursor) \
	X(clang_getNumDiagnostics) \
	X(clang_getPointeeType) \
	X(clang_getRangeEnd) \
	X(clang_getRangeStart) \
	X(clang_getSkippedRanges) \
	X(clang_getTranslationUnitCursor) \
	X(clang_getTypeDeclaration) \
	X(clang_getTypeSpelling) \
	X(clang_isAttribute) \
	X(clang_isExpression) \
	X(clang_isPreprocessing) \
	X(clang_parseTranslationUnit2) \
	X(clang_visitChildren) \

struct clang_api {
#define CLANG_API_MEMBER(name) __typeof__(name) *name;
	CLANG_API_FUNCTIONS(CLANG_API_MEMBER)
#undef CLANG_API_MEMBER
};

/* The loaded table; loads libclang on the first call. */
const struct clang_api *clang_api(void);

/* From here on, lint code calls libclang through the table. */
#ifndef CLANG_API_TABLE_ONLY
#define CLANG_API(name) (clang_api()->name)
#define clang_CompilationDatabase_dispose \
	CLANG_API(clang_CompilationDatabase_dispose)
#define clang_CompilationDatabase_fromDirectory \
	CLANG_API(clang_CompilationDatabase_fromDirectory)
#define clang_CompilationDatabase_getAllCompileCommands \
	CLANG_API(clang_CompilationDatabase_getAllCompileCommands)
#define clang_CompilationDatabase_getCompileCommands \
	CLANG_API(clang_CompilationDatabase_getCompileCommands)
#define clang_CompileCommand_getArg CLANG_API(clang_CompileCommand_getArg)
#define clang_CompileCommand_getDirectory \
	CLANG_API(clang_CompileCommand_getDirectory)
#define clang_CompileCommand_getFilename \
	CLANG_API(clang_CompileCommand_getFilename)
#define clang_CompileCommand_getNumArgs \
	CLANG_API(clang_CompileCommand_getNumArgs)
#define clang_CompileCommands_dispose CLANG_API(clang_CompileCommands_dispose)
#define clang_CompileCommands_getCommand \
	CLANG_API(clang_CompileCommands_getCommand)
#define clang_CompileCommands_getSize CLANG_API(clang_CompileCommands_getSize)
#define clang_Cursor_Evaluate CLANG_API(clang_Cursor_Evaluate)
#define clang_Cursor_isNull CLANG_API(clang_Cursor_isNull)
#define clang_EvalResult_dispose CLANG_API(clang_EvalResult_dispose)
#define clang_EvalResult_getAsStr CLANG_API(clang_EvalResult_getAsStr)
#define clang_EvalResult_getKind CLANG_API(clang_EvalResult_getKind)
#define clang_File_isEqual CLANG_API(clang_File_isEqual)
#define clang_Location_isFromMainFile CLANG_API(clang_Location_isFromMainFile)
#define clang_Type_getSizeOf CLANG_API(clang_Type_getSizeOf)
#define clang_createIndex CLANG_API(clang_createIndex)
#define clang_disposeDiagnostic CLANG_API(clang_disposeDiagnostic)
#define clang_disposeIndex CLANG_API(clang_disposeIndex)
#define clang_disposeSourceRangeList CLANG_API(clang_disposeSourceRangeList)
#define clang_disposeString CLANG_API(clang_disposeString)
#define clang_disposeTranslationUnit CLANG_API(clang_disposeTranslationUnit)
#define clang_getArrayElementType CLANG_API(clang_getArrayElementType)
#define clang_getCString CLANG_API(clang_getCString)
#define clang_getCanonicalType CLANG_API(clang_getCanonicalType)
#define clang_getCursorExtent CLANG_API(clang_getCursorExtent)
#define clang_getCursorKind CLANG_API(clang_getCursorKind)
#define clang_getCursorLocation CLANG_API(clang_getCursorLocation)
#define clang_getCursorSpelling CLANG_API(clang_getCursorSpelling)
#define clang_getCursorType CLANG_API(clang_getCursorType)
#define clang_getDiagnostic CLANG_API(clang_getDiagnostic)
#define clang_getDiagnosticLocation CLANG_API(clang_getDiagnosticLocation)
#define clang_getDiagnosticOption CLANG_API(clang_getDiagnosticOption)
#define clang_getDiagnosticSeverity CLANG_API(clang_getDiagnosticSeverity)
#define clang_getDiagnosticSpelling CLANG_API(clang_getDiagnosticSpelling)
#define clang_getFile CLANG_API(clang_getFile)
#define clang_getFileContents CLANG_API(clang_getFileContents)
#define clang_getFileLocation CLANG_API(clang_getFileLocation)
#define clang_getFileName CLANG_API(clang_getFileName)
#define clang_getNullCursor CLANG_API(clang_getNullCursor)
#define clang_getNumDiagnostics CLANG_API(clang_getNumDiagnostics)
#define clang_getPointeeType CLANG_API(clang_getPointeeType)
#define clang_getRangeEnd CLANG_API(clang_getRangeEnd)
#define clang_getRangeStart CLANG_API(clang_getRangeStart)
#define clang_getSkippedRanges CLANG_API(clang_getSkippedRanges)
#define clang_getTranslationUnitCursor CLANG_API(clang_getTranslationUnitCursor)
#define clang_getTypeDeclaration CLANG_API(clang_getTypeDeclaration)
#define clang_getTypeSpelling CLANG_API(clang_getTypeSpelling)
#define clang_isAttribute CLANG_API(clang_isAttribute)
#define clang_isExpression CLANG_API(clang_isExpression)
#define clang_isPreprocessing CLANG_API(clang_isPreprocessing)
#define clang_parseTranslationUnit2 CLANG_API(clang_parseTranslationUnit2)
#define clang_visitChildren CLANG_API(clang_visitChildren)

#endif

#endif
