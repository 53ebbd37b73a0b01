-- Attach Neovim's built-in LSP client to `tactful lsp`, wait for diagnostics on the current
-- buffer, and write them (0-based line, byte columns, as Neovim holds them) as JSON lines.
local out = os.getenv("TACTFUL_TEST_OUT")
local python = os.getenv("TACTFUL_TEST_PYTHON")
local buffer = vim.api.nvim_get_current_buf()
local config = {
  name = "tactful",
  cmd = { python, "-m", "tactful.lsp" },
  root_dir = vim.fn.getcwd(),
  init_options = { tactful = { ["debounce-ms"] = 0 } },
}
if vim.lsp.start then -- Neovim 0.8+
  vim.lsp.start(config, { bufnr = buffer })
else -- Neovim 0.7
  local client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buffer, client_id)
end
local found = vim.wait(20000, function()
  return #vim.diagnostic.get(buffer) >= 3
end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(lines, vim.fn.json_encode({
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    code = code, source = d.source,
  }))
end
if not found then
  table.insert(lines, vim.fn.json_encode({ timeout = true }))
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd("qall!")
