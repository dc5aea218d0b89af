; Inno Setup script: turns the Windows bundle (dist\argmap, built with
; `pyinstaller packaging\argmap.spec` on Windows) into an installer for one user
; that registers *.argmap.json with argmap. Build with: iscc packaging\windows\argmap.iss
#define AppVersion GetVersionNumbersString("..\..\dist\argmap\argmap.exe")

[Setup]
AppId=org.argmap.argmap
AppName=argmap
AppVersion={#AppVersion}
DefaultDirName={userpf}\argmap
PrivilegesRequired=lowest
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=argmap-setup
SetupIconFile=..\argmap.ico
UninstallDisplayIcon={app}\argmap.exe

[Files]
Source: "..\..\dist\argmap\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{userprograms}\argmap"; Filename: "{app}\argmap.exe"

[Registry]
Root: HKCU; Subkey: "Software\Classes\.argmap.json"; ValueType: string; ValueData: "argmap.map"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.argmap.json"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-argmap+json"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\argmap.map"; ValueType: string; ValueData: "argmap argument map"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\argmap.map\DefaultIcon"; ValueType: string; ValueData: "{app}\argmap.exe,0"
Root: HKCU; Subkey: "Software\Classes\argmap.map\shell\open\command"; ValueType: string; ValueData: """{app}\argmap.exe"" ""%1"""
