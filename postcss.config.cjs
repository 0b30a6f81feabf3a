// CommonJS because package.json says "type": "module" and Next loads PostCSS config with require().
module.exports = {
  plugins: {
    tailwindcss: {},
    autoprefixer: {},
  },
};
